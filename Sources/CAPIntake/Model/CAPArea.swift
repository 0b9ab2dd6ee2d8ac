/// A CAP `area`: where the information applies, as polygons, circles and geocodes.
public struct CAPArea: Sendable, Hashable {
    /// The area in words.
    public var description: String
    /// Closed polygons.
    public var polygons: [[GeoPoint]]
    /// Circles.
    public var circles: [GeoCircle]
    /// Geographic codes (`SAME`, `UGC`, a Vietnamese administrative code...).
    public var geocodes: [CAPValuePair]
    /// The element's path, for findings.
    public var path: String

    /// Whether the area says where it is at all (a description alone does not).
    public var isLocated: Bool { !polygons.isEmpty || !circles.isEmpty || !geocodes.isEmpty }
}

/// A WGS 84 point in decimal degrees, as CAP writes it (`lat,lon`).
public struct GeoPoint: Sendable, Hashable, CustomStringConvertible {
    /// Latitude, -90 to 90.
    public var latitude: Double
    /// Longitude, -180 to 180.
    public var longitude: Double

    /// Creates a point.
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// `lat,lon`.
    public var description: String { "\(latitude),\(longitude)" }
}

/// A CAP `circle`: a centre and a radius in kilometres.
public struct GeoCircle: Sendable, Hashable {
    /// The centre.
    public var centre: GeoPoint
    /// The radius in kilometres.
    public var radiusKilometres: Double

    /// Creates a circle.
    public init(centre: GeoPoint, radiusKilometres: Double) {
        self.centre = centre
        self.radiusKilometres = radiusKilometres
    }
}
