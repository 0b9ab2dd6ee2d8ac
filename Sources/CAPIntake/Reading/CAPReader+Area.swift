extension CAPReader {
    /// One `area`, or nil when it has errors (recorded): polygons must be closed, with at least four points, and
    /// every point and circle must be on the globe.
    static func area(_ element: XMLElementView, path: String, collector: FindingCollector) -> CAPArea? {
        let reader = ElementReader(element, path: path, rules: ElementRule.area, collector: collector)
        let polygons = reader.texts("polygon").compactMap { text, polygonPath, line in
            polygon(text, path: polygonPath, line: line, collector: collector)
        }
        let circles = reader.texts("circle").compactMap { text, circlePath, line in
            circle(text, path: circlePath, line: line, collector: collector)
        }
        let geocodes = reader.valuePairs("geocode")
        if reader.rawText("ceiling") != nil, reader.rawText("altitude") == nil {
            collector.error("\(path)/ceiling", line: element.line, "is given without altitude")
        }
        guard let description = reader.requiredText("areaDesc") else { return nil }
        return CAPArea(description: description, polygons: polygons, circles: circles, geocodes: geocodes, path: path)
    }

    /// `lat,lon lat,lon …`, closed (first point = last), four points or more.
    static func polygon(_ text: String, path: String, line: Int, collector: FindingCollector) -> [GeoPoint]? {
        let pairs = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        var points: [GeoPoint] = []
        for pair in pairs {
            guard let point = point(String(pair)) else {
                collector.error(path, line: line, "'\(pair)' is not a point lat,lon in decimal degrees")
                return nil
            }
            points.append(point)
        }
        guard points.count >= 4 else {
            collector.error(path, line: line, "has \(points.count) points; a CAP polygon has at least four, the last "
                                + "repeating the first")
            return nil
        }
        guard points.first == points.last else {
            collector.error(path, line: line, "is not closed: its first point \(pairs.first!) differs from its last "
                                + "\(pairs.last!)")
            return nil
        }
        return points
    }

    /// `lat,lon radius` (radius in kilometres).
    static func circle(_ text: String, path: String, line: Int, collector: FindingCollector) -> GeoCircle? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard parts.count == 2, let centre = point(String(parts[0])), let radius = Double(parts[1]),
              radius.isFinite, radius >= 0 else {
            collector.error(path, line: line, "'\(text.trimmingWhitespace)' is not a circle 'lat,lon radius-km'")
            return nil
        }
        return GeoCircle(centre: centre, radiusKilometres: radius)
    }

    /// `lat,lon` within the globe's ranges.
    static func point(_ text: String) -> GeoPoint? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let latitude = Double(parts[0]), let longitude = Double(parts[1]),
              (-90...90).contains(latitude), (-180...180).contains(longitude) else { return nil }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }
}
