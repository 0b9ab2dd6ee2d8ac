import Foundation

/// Whether a site lies in a CAP area: inside one of its polygons (even-odd rule on latitude and longitude), within
/// one of its circles (great-circle distance), or sharing one of its geocodes under a `valueName` the policy matches.
enum AreaMatcher {
    /// The mean Earth radius, in kilometres (IUGG).
    static let earthRadius = 6_371.0088

    /// Whether `site` is in `area`, matching geocodes named in `geocodeNames`.
    static func contains(_ area: CAPArea, _ site: CAPSite, geocodeNames: Set<String>) -> Bool {
        if let location = site.location {
            if area.polygons.contains(where: { inside($0, location) }) { return true }
            if area.circles.contains(where: { distance($0.centre, location) <= $0.radiusKilometres }) { return true }
        }
        return area.geocodes.contains { code in
            geocodeNames.contains(code.name) && site.geocodes[code.name]?.contains(code.value) == true
        }
    }

    /// Whether the area can be matched at all: a polygon, a circle, or a geocode the policy matches.
    static func isUsable(_ area: CAPArea, geocodeNames: Set<String>) -> Bool {
        !area.polygons.isEmpty || !area.circles.isEmpty || area.geocodes.contains { geocodeNames.contains($0.name) }
    }

    /// The even-odd test of `point` against the closed ring `polygon`.
    static func inside(_ polygon: [GeoPoint], _ point: GeoPoint) -> Bool {
        var result = false
        var previous = polygon[polygon.count - 1]
        for current in polygon {
            if (current.latitude > point.latitude) != (previous.latitude > point.latitude) {
                let crossing = (previous.longitude - current.longitude) * (point.latitude - current.latitude)
                    / (previous.latitude - current.latitude) + current.longitude
                if point.longitude < crossing { result.toggle() }
            }
            previous = current
        }
        return result
    }

    /// The great-circle distance in kilometres (haversine).
    static func distance(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let dLat = (b.latitude - a.latitude) * radians
        let dLon = (b.longitude - a.longitude) * radians
        let h = sin(dLat / 2) * sin(dLat / 2)
            + cos(a.latitude * radians) * cos(b.latitude * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadius * asin(min(1, sqrt(h)))
    }
}
