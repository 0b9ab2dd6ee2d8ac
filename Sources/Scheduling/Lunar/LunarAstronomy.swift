import Foundation

/// The astronomy the lunar calendar rests on: the instants of new moons and the Sun's apparent longitude.
///
/// New moons use the full series of Jean Meeus, *Astronomical Algorithms* (2nd ed.), chapter 49, accurate to a few
/// seconds; the Sun uses chapter 25's series with the corrections for nutation and aberration, accurate to about
/// 0.01°, which is ample for the solar terms (they only matter to the day). ΔT, the gap between the uniform time of
/// those series and the Earth's rotation, follows Espenak and Meeus's polynomials up to 2050 and the long-term
/// parabola of Morrison and Stephenson after it. With these choices the computed calendar reproduces the published
/// Vietnamese tables for every month from 1968 to 2199 (Tests/Fixtures/calendar).
enum LunarAstronomy {
    private static let radians = Double.pi / 180

    /// ΔT in seconds for a decimal year.
    static func deltaT(year: Double) -> Double {
        switch year {
        case ..<1900:
            let t = year - 1860
            return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * pow(t, 3) - 0.0004473624 * pow(t, 4)
                + pow(t, 5) / 233_174
        case ..<1920:
            let t = year - 1900
            return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * pow(t, 3) - 0.000197 * pow(t, 4)
        case ..<1941:
            let t = year - 1920
            return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * pow(t, 3)
        case ..<1961:
            let t = year - 1950
            return 29.07 + 0.407 * t - t * t / 233 + pow(t, 3) / 2547
        case ..<1986:
            let t = year - 1975
            return 45.45 + 1.067 * t - t * t / 260 - pow(t, 3) / 718
        case ..<2005:
            let t = year - 2000
            return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * pow(t, 3) + 0.000651814 * pow(t, 4)
                + 0.00002373599 * pow(t, 5)
        case ..<2050:
            let t = year - 2000
            return 62.92 + 0.32217 * t + 0.005589 * t * t
        default:
            let u = (year - 1820) / 100
            return -20 + 32 * u * u
        }
    }

    /// The decimal year of a Julian day, close enough for ΔT.
    static func year(julianDay: Double) -> Double {
        2000 + (julianDay - 2_451_545.0) / 365.25
    }

    /// The Julian ephemeris day of new moon number `k` (k = 0 is the new moon of 6 January 2000).
    static func newMoonEphemeris(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t, t3 = t2 * t, t4 = t3 * t
        let mean = 2_451_550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4
        let e = 1 - 0.002516 * t - 0.0000074 * t2
        let m = (2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3) * radians
        let mp = (201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4) * radians
        let f = (160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * radians
        let omega = (124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3) * radians
        var sum = -0.40720 * sin(mp) + 0.17241 * e * sin(m) + 0.01608 * sin(2 * mp) + 0.01039 * sin(2 * f)
        sum += 0.00739 * e * sin(mp - m) - 0.00514 * e * sin(mp + m) + 0.00208 * e * e * sin(2 * m)
        sum += -0.00111 * sin(mp - 2 * f) - 0.00057 * sin(mp + 2 * f) + 0.00056 * e * sin(2 * mp + m)
        sum += -0.00042 * sin(3 * mp) + 0.00042 * e * sin(m + 2 * f) + 0.00038 * e * sin(m - 2 * f)
        sum += -0.00024 * e * sin(2 * mp - m) - 0.00017 * sin(omega) - 0.00007 * sin(mp + 2 * m)
        sum += 0.00004 * sin(2 * mp - 2 * f) + 0.00004 * sin(3 * m) + 0.00003 * sin(mp + m - 2 * f)
        sum += 0.00003 * sin(2 * mp + 2 * f) - 0.00003 * sin(mp + m + 2 * f) + 0.00003 * sin(mp - m + 2 * f)
        sum += -0.00002 * sin(mp - m - 2 * f) - 0.00002 * sin(3 * mp + m) + 0.00002 * sin(4 * mp)
        return mean + sum + planetaryCorrection(k: k, t2: t2)
    }

    /// Meeus's fourteen additional corrections (49.3), common to every phase.
    private static func planetaryCorrection(k: Double, t2: Double) -> Double {
        let terms: [(Double, Double, Double)] = [
            (299.77, 0.107408, 0.000325), (251.88, 0.016321, 0.000165), (251.83, 26.651886, 0.000164),
            (349.42, 36.412478, 0.000126), (84.66, 18.206239, 0.000110), (141.74, 53.303771, 0.000062),
            (207.14, 2.453732, 0.000060), (154.84, 7.306860, 0.000056), (34.52, 27.261239, 0.000047),
            (207.19, 0.121824, 0.000042), (291.34, 1.844379, 0.000040), (161.72, 24.198154, 0.000037),
            (239.56, 25.513099, 0.000035), (331.55, 3.592518, 0.000023),
        ]
        var sum = 0.0
        for (index, (base, rate, coefficient)) in terms.enumerated() {
            let angle = base + rate * k - (index == 0 ? 0.009173 * t2 : 0)
            sum += coefficient * sin(angle * radians)
        }
        return sum
    }

    /// The Julian day (UT) of new moon number `k`.
    static func newMoonUniversal(_ k: Int) -> Double {
        let ephemeris = newMoonEphemeris(k)
        return ephemeris - deltaT(year: year(julianDay: ephemeris)) / 86_400
    }

    /// The new moon number nearest a Julian day.
    static func nearestNewMoon(julianDay: Double) -> Int {
        Int(((julianDay - 2_451_550.09766) / 29.530588861).rounded())
    }

    /// The Sun's apparent geocentric longitude in degrees, 0 ≤ λ < 360, at a Julian ephemeris day.
    static func sunLongitude(ephemeris: Double) -> Double {
        let t = (ephemeris - 2_451_545.0) / 36_525
        let meanLongitude = 280.46646 + 36_000.76983 * t + 0.0003032 * t * t
        let anomaly = (357.52911 + 35_999.05029 * t - 0.0001537 * t * t) * radians
        let centre = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(anomaly)
            + (0.019993 - 0.000101 * t) * sin(2 * anomaly) + 0.000289 * sin(3 * anomaly)
        let omega = (125.04 - 1934.136 * t) * radians
        let longitude = meanLongitude + centre - 0.00569 - 0.00478 * sin(omega)
        let wrapped = longitude.truncatingRemainder(dividingBy: 360)
        return wrapped < 0 ? wrapped + 360 : wrapped
    }
}
