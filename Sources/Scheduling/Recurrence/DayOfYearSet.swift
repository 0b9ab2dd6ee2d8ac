/// Two sets of day-of-year positions (0…365), for BYYEARDAY counted from either end of the year.
struct DayOfYearSet: Sendable {
    private var positive: [UInt64] = Array(repeating: 0, count: 6)
    private var negative: [UInt64] = Array(repeating: 0, count: 6)

    /// Adds BYYEARDAY value `value` (1…366 or -366…-1).
    mutating func insert(_ value: Int) {
        let index = abs(value) - 1
        if value > 0 { positive[index / 64] |= 1 << UInt64(index % 64) } else {
            negative[index / 64] |= 1 << UInt64(index % 64)
        }
    }

    /// Whether position `index` (0-based from the start, or from the end when `negative`) was inserted.
    func contains(_ index: Int, negative isNegative: Bool) -> Bool {
        guard index >= 0, index < 384 else { return false }
        let words = isNegative ? negative : positive
        return words[index / 64] & (1 << UInt64(index % 64)) != 0
    }
}
