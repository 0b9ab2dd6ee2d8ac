/// The waiting items, ordered by level (emergency first) and, within a level, first come first served — except
/// that an interrupted item goes back to the front of its level so it continues right after the interruption.
struct PlayoutQueue: Sendable {
    private(set) var items: [PlayoutItem] = []

    /// Adds a new request behind others of its level.
    mutating func append(_ item: PlayoutItem) {
        let index = items.firstIndex { $0.level < item.level } ?? items.count
        items.insert(item, at: index)
    }

    /// Puts an interrupted item back ahead of others of its level.
    mutating func putBack(_ item: PlayoutItem) {
        let index = items.firstIndex { $0.level <= item.level } ?? items.count
        items.insert(item, at: index)
    }

    /// The highest-level item, without removing it.
    var first: PlayoutItem? { items.first }

    /// Removes and returns the highest-level item.
    mutating func popFirst() -> PlayoutItem? {
        items.isEmpty ? nil : items.removeFirst()
    }

    /// Removes every item matching `predicate` and returns them.
    mutating func removeAll(where predicate: (PlayoutItem) -> Bool) -> [PlayoutItem] {
        let removed = items.filter(predicate)
        items.removeAll(where: predicate)
        return removed
    }
}
