/// Computes the months between two winter solstices for ``LunarCalendar``, with the month-11 and principal-term
/// rules, on local days of a meridian.
struct LunarCalendarBuilder {
    /// Julian day number of 1970-01-01, the origin of the project's day numbers.
    private static let unixEpochJulianDay = 2_440_588

    /// Hours east of UTC.
    let utcOffsetHours: Double

    /// The months from month 11 of the winter of Gregorian year `year` up to (not including) the next month 11,
    /// numbered and with their lunar years.
    func months(fromMonth11Of year: Int) -> [LunarCalendar.Entry] {
        let first = month11(ofYear: year)
        let next = month11(ofYear: year + 1)
        let count = next - first
        let starts = (first...next).map(newMoonDay)
        var leapOffset: Int?
        if count == 13 {
            leapOffset = (1...12).first { sector(atStartOf: starts[$0]) == sector(atStartOf: starts[$0 + 1]) }
        }
        return (0..<count).map { index in
            let isLeap = index == leapOffset
            let shifted = leapOffset.map { index >= $0 ? index - 1 : index } ?? index
            let number = (10 + shifted) % 12 + 1
            let lunarYear = number >= 11 && shifted < 2 ? year : year + 1
            return LunarCalendar.Entry(
                year: Int16(lunarYear), number: Int8(number), isLeap: isLeap,
                firstDay: Int32(starts[index] - Self.unixEpochJulianDay),
                length: Int8(starts[index + 1] - starts[index])
            )
        }
    }

    /// The new moon number beginning month 11 of the winter of `year`: the last new moon on or before the local
    /// day of the December solstice.
    private func month11(ofYear year: Int) -> Int {
        let december31 = CivilCalendar.dayNumber(year: year, month: 12, day: 31) + Self.unixEpochJulianDay
        var k = LunarAstronomy.nearestNewMoon(julianDay: Double(december31))
        while newMoonDay(k) > december31 { k -= 1 }
        if sector(atStartOf: newMoonDay(k)) >= 9 { k -= 1 }
        return k
    }

    /// The Julian day number of the local day new moon `k` falls on.
    private func newMoonDay(_ k: Int) -> Int {
        Int((LunarAstronomy.newMoonUniversal(k) + 0.5 + utcOffsetHours / 24).rounded(.down))
    }

    /// Which 30° sector of longitude the Sun is in at local midnight starting Julian day number `day`: 9 is from the
    /// winter solstice (270°) on. Two month starts in the same sector enclose no principal term.
    private func sector(atStartOf day: Int) -> Int {
        let universal = Double(day) - 0.5 - utcOffsetHours / 24
        let ephemeris = universal + LunarAstronomy.deltaT(year: LunarAstronomy.year(julianDay: universal)) / 86_400
        return Int((LunarAstronomy.sunLongitude(ephemeris: ephemeris) / 30).rounded(.down))
    }
}
