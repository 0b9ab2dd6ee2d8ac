/// A day of the Vietnamese lunar calendar, such as 10/3 (the Hùng Kings' Commemoration).
public struct LunarDate: Hashable, Sendable, CustomStringConvertible {
    /// The lunar year, named by the Gregorian year its Tết falls in.
    public let year: Int
    /// The month number, 1…12.
    public let month: Int
    /// Whether the month is the leap month that follows regular month `month`.
    public let isLeap: Bool
    /// The day of the month, 1…30.
    public let day: Int

    /// Creates a lunar date; it is not checked against the calendar.
    public init(year: Int, month: Int, isLeap: Bool = false, day: Int) {
        self.year = year
        self.month = month
        self.isLeap = isLeap
        self.day = day
    }

    /// `10/3`, or `10/3 nhuận` in a leap month, as Vietnamese calendars write it.
    public var shortText: String {
        "\(day)/\(month)" + (isLeap ? " nhuận" : "")
    }

    /// `10/3 âm lịch`, the form printed beside Gregorian dates.
    public var description: String {
        shortText + " âm lịch"
    }
}
