/// One month of the lunar calendar: which month it is, when it starts and how long it lasts.
public struct LunarMonth: Hashable, Sendable, CustomStringConvertible {
    /// The lunar year it belongs to, named by the Gregorian year its Tết falls in.
    public let year: Int
    /// The month number, 1…12.
    public let number: Int
    /// Whether it is the leap month (tháng nhuận) that follows regular month `number`.
    public let isLeap: Bool
    /// Its first day (mùng một), a Gregorian date.
    public let firstDay: LocalDate
    /// 29 or 30.
    public let length: Int

    /// `3` or `3 nhuận` (leap), as Vietnamese calendars name months.
    public var name: String {
        isLeap ? "\(number) nhuận" : "\(number)"
    }

    /// `3/2027 from 2027-04-07, 30 days`, for messages and logs.
    public var description: String {
        "\(name)/\(year) from \(firstDay), \(length) days"
    }
}
