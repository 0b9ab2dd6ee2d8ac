/// One BYMONTH value: a month number and, in the lunar calendar, whether it is the leap month (`3L`).
public struct RecurrenceMonth: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The month, 1…12.
    public let number: Int
    /// Whether this names the leap month that follows month `number`.
    public let isLeap: Bool

    /// Creates a month value.
    public init(_ number: Int, leap: Bool = false) {
        self.number = number
        self.isLeap = leap
    }

    /// Parses `3` or `3L` (a leap month); nil for anything else or a number outside 1…12.
    public init?(_ text: String) {
        let isLeap = text.uppercased().hasSuffix("L")
        guard let number = Int(isLeap ? String(text.dropLast()) : text), (1...12).contains(number) else { return nil }
        self.init(number, leap: isLeap)
    }

    /// `3` or `3L`.
    public var description: String {
        "\(number)" + (isLeap ? "L" : "")
    }

    /// Orders regular month n before its leap month nL, as they follow each other in the year.
    public static func < (lhs: RecurrenceMonth, rhs: RecurrenceMonth) -> Bool {
        (lhs.number, lhs.isLeap ? 1 : 0) < (rhs.number, rhs.isLeap ? 1 : 0)
    }
}
