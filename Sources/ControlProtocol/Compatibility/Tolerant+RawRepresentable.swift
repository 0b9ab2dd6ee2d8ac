extension Tolerant: RawRepresentable, Hashable, CustomStringConvertible {
    /// Reads any text: a known value when this build has it, else an unknown one. It never fails.
    public init(rawValue: String) {
        self = Known(rawValue: rawValue).map(Tolerant.known) ?? .unknown(rawValue)
    }

    /// The text on the wire, known or not.
    public var rawValue: String {
        switch self {
        case .known(let value): value.rawValue
        case .unknown(let text): text
        }
    }

    /// The text on the wire, for tables and messages.
    public var description: String { rawValue }

    /// Two values are the same when their text is, however they were made.
    public static func == (lhs: Tolerant, rhs: Tolerant) -> Bool {
        lhs.rawValue == rhs.rawValue
    }

    /// Hashes the text, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawValue)
    }
}
