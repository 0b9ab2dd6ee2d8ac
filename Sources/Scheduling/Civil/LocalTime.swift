/// A wall-clock time of day in the schedule's time zone, such as the `05:30` of a morning bulletin.
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The hour, 0…23.
    public let hour: Int
    /// The minute, 0…59.
    public let minute: Int
    /// The second, 0…59.
    public let second: Int

    /// Creates a time, or returns nil when a field is out of range (24:00 is not a time of day).
    public init?(hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Creates the time `secondOfDay` seconds after midnight, wrapping into 0…86 399.
    init(secondOfDay: Int) {
        let wrapped = ((secondOfDay % 86_400) + 86_400) % 86_400
        hour = wrapped / 3600
        minute = wrapped / 60 % 60
        second = wrapped % 60
    }

    /// Parses `HH:MM` or `HH:MM:SS`; nil when malformed or out of range.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { ("0"..."9").contains($0) } }),
              let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        let second = parts.count == 3 ? Int(parts[2]) : 0
        guard let second else { return nil }
        self.init(hour: hour, minute: minute, second: second)
    }

    /// Seconds since local midnight.
    public var secondOfDay: Int {
        hour * 3600 + minute * 60 + second
    }

    /// `HH:MM`, or `HH:MM:SS` when the seconds are not zero.
    public var description: String {
        let base = "\(pad(hour, 2)):\(pad(minute, 2))"
        return second == 0 ? base : base + ":\(pad(second, 2))"
    }

    /// Orders times within a day.
    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        lhs.secondOfDay < rhs.secondOfDay
    }
}

extension LocalTime: Codable {
    /// Decodes `"05:30"`, naming the bad value when it is not a time of day.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = LocalTime(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a time of day: write it as HH:MM, e.g. 05:30"
            )
        }
        self = time
    }

    /// Encodes the `HH:MM` form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
