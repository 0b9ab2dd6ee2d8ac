import Foundation
import Testing
@testable import ControlProtocol

/// `JSONValueEncoder` builds the tree directly; it must give what `JSONEncoder` followed by our parser gave.
@Suite("JSONValueEncoder: Codable straight into the tree, as JSONEncoder and the parser made it")
struct JSONValueEncoderTests {
    /// The old path, kept as the oracle.
    static func throughText(_ value: some Encodable) throws -> JSONValue {
        try JSONParser().parse(JSONEncoder().encode(value))
    }

    struct Empty: Codable {}

    struct Wide: Codable {
        var whole: Double = 2
        var fraction: Double = 2.5
        var huge: Double = 1e300
        var negative: Int64 = -9_000_000_000
        var unsigned: UInt64 = 18_446_744_073_709_551_615
        var missing: String?
        var present: String? = "có"
        var nested: [[Int?]] = [[1, nil], []]
        var table: [String: Double] = ["a": 0.1, "b": 3]
        var free: JSONValue = .object(["x": .array([.integer(1), .number(0.5), .null])])
        var empty = Empty()
    }

    @Test("every protocol sample encodes to the same tree as through JSONEncoder and the parser")
    func protocolSamples() throws {
        let health = Site.GetHealth.Reply(health: SiteFixtures.health)
        #expect(try JSONValue(encoding: health) == Self.throughText(health))
        for (name, sample) in try SiteFixtures.samples() {
            #expect(try sample.parameters.decode(as: JSONValue.self) == sample.parameters, "\(name)")
        }
        let event = Site.Monitor.Reply(event: SiteFixtures.event)
        #expect(try JSONValue(encoding: event) == Self.throughText(event))
        let asRun = Site.GetAsRunLog.Reply(entries: [SiteFixtures.asRun])
        #expect(try JSONValue(encoding: asRun) == Self.throughText(asRun))
    }

    @Test("numbers, optionals, nesting, free values and empty structs match the old path")
    func shapes() throws {
        let tree = try JSONValue(encoding: Wide())
        #expect(tree == (try Self.throughText(Wide())))
        #expect(tree.objectValue?["whole"] == .integer(2))
        #expect(tree.objectValue?["missing"] == nil, "a nil optional is left out")
        #expect(try JSONValue(encoding: Empty()) == .object([:]))
    }

    @Test("a non-finite number is refused, as JSONEncoder refuses it")
    func nonFinite() {
        #expect(throws: EncodingError.self) { try JSONValue(encoding: ["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONEncoder().encode(["x": Double.nan]) }
    }
}
