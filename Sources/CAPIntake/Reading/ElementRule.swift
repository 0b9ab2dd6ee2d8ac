/// One child element a CAP element may hold, and how often (CAP 1.2's XML schema: every container is a sequence).
struct ElementRule {
    /// The local name, in the CAP 1.2 namespace.
    let name: String
    /// The fewest allowed.
    let minimum: Int
    /// The most allowed (`Int.max` for unbounded).
    let maximum: Int

    private init(_ name: String, _ minimum: Int, _ maximum: Int) {
        self.name = name
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Exactly once.
    static func one(_ name: String) -> ElementRule { ElementRule(name, 1, 1) }
    /// At most once.
    static func optional(_ name: String) -> ElementRule { ElementRule(name, 0, 1) }
    /// Any number of times.
    static func many(_ name: String) -> ElementRule { ElementRule(name, 0, Int.max) }
    /// At least once.
    static func some(_ name: String) -> ElementRule { ElementRule(name, 1, Int.max) }

    /// `alert`'s children, in order (signatures follow them).
    static let alert: [ElementRule] = [
        .one("identifier"), .one("sender"), .one("sent"), .one("status"), .one("msgType"), .optional("source"),
        .one("scope"), .optional("restriction"), .optional("addresses"), .many("code"), .optional("note"),
        .optional("references"), .optional("incidents"), .many("info"),
    ]

    /// `info`'s children, in order.
    static let info: [ElementRule] = [
        .optional("language"), .some("category"), .one("event"), .many("responseType"), .one("urgency"),
        .one("severity"), .one("certainty"), .optional("audience"), .many("eventCode"), .optional("effective"),
        .optional("onset"), .optional("expires"), .optional("senderName"), .optional("headline"),
        .optional("description"), .optional("instruction"), .optional("web"), .optional("contact"),
        .many("parameter"), .many("resource"), .many("area"),
    ]

    /// `resource`'s children, in order.
    static let resource: [ElementRule] = [
        .one("resourceDesc"), .one("mimeType"), .optional("size"), .optional("uri"), .optional("derefUri"),
        .optional("digest"),
    ]

    /// `area`'s children, in order.
    static let area: [ElementRule] = [
        .one("areaDesc"), .many("polygon"), .many("circle"), .many("geocode"), .optional("altitude"),
        .optional("ceiling"),
    ]

    /// `eventCode`, `parameter` and `geocode`.
    static let valuePair: [ElementRule] = [.one("valueName"), .one("value")]
}
