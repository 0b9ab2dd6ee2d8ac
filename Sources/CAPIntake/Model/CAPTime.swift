import Foundation

/// A CAP date and time: `2003-06-17T14:57:00-07:00`, always with a numeric offset. CAP 1.2 §3.3.2 forbids `Z`
/// (UTC is written `-00:00`) and fractional seconds; both are refused. The original text is kept, since a reference
/// names a message by its `sent` exactly as written.
public struct CAPTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The instant.
    public let date: Date
    /// The text as the message wrote it.
    public let text: String

    /// Parses `text`, or explains why it is not a CAP time.
    public init(parsing text: String) throws(CAPTimeError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 25 else {
            if text.hasSuffix("Z") || text.hasSuffix("z") { throw .zulu }
            throw .shape
        }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 24]
        let separators: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (22, ":")]
        guard digits.allSatisfy({ (0x30...0x39).contains(bytes[$0]) }),
              separators.allSatisfy({ Character(UnicodeScalar(bytes[$0.0])) == $0.1 }),
              bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-") else { throw .shape }
        func number(_ from: Int, _ count: Int) -> Int {
            bytes[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(secondsFromGMT: 0)
        components.year = number(0, 4)
        components.month = number(5, 2)
        components.day = number(8, 2)
        components.hour = number(11, 2)
        components.minute = number(14, 2)
        components.second = number(17, 2)
        let offsetHours = number(20, 2)
        let offsetMinutes = number(23, 2)
        guard components.isValidDate, components.hour! < 24, components.minute! < 60, components.second! < 60,
              offsetHours <= 14, offsetMinutes < 60, let utc = components.date else { throw .outOfRange }
        let offset = (offsetHours * 3_600 + offsetMinutes * 60) * (bytes[19] == UInt8(ascii: "-") ? -1 : 1)
        date = utc.addingTimeInterval(TimeInterval(-offset))
        self.text = text
    }

    /// The text as written.
    public var description: String { text }

    /// Earlier instants first.
    public static func < (left: CAPTime, right: CAPTime) -> Bool { left.date < right.date }

    /// Same instant and same text.
    public static func == (left: CAPTime, right: CAPTime) -> Bool { left.text == right.text && left.date == right.date }
}

/// Why a text is not a CAP time.
public enum CAPTimeError: Error, Sendable, CustomStringConvertible {
    /// Ends in `Z`.
    case zulu
    /// Not `YYYY-MM-DDThh:mm:ss±hh:mm`.
    case shape
    /// A field out of range (month 13, 25 o'clock, a 15-hour offset).
    case outOfRange

    /// The reason in words.
    public var description: String {
        switch self {
        case .zulu: "ends in 'Z'; CAP 1.2 writes UTC as -00:00 and forbids Z"
        case .shape: "is not a CAP time YYYY-MM-DDThh:mm:ss±hh:mm (no fractions, a numeric offset)"
        case .outOfRange: "is not a real date and time"
        }
    }
}
