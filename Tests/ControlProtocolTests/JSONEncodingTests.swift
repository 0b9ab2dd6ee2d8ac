import Foundation
import Testing
@testable import ControlProtocol

/// Our Codable types become varlink parameters through Foundation's `JSONEncoder` and the strict parser.
@Suite("JSON encoding: JSONEncoder's text read back by the strict parser")
struct JSONEncodingTests {
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

    @Test("every protocol sample survives encoding and decoding unchanged")
    func protocolSamples() throws {
        let health = Site.GetHealth.Reply(health: SiteFixtures.health)
        #expect(try JSONValue(encoding: health).decode(as: Site.GetHealth.Reply.self) == health)
        for (name, sample) in try SiteFixtures.samples() {
            #expect(try sample.parameters.decode(as: JSONValue.self) == sample.parameters, "\(name)")
        }
        let event = Site.Monitor.Reply(event: SiteFixtures.event)
        #expect(try JSONValue(encoding: event).decode(as: Site.Monitor.Reply.self) == event)
        let asRun = Site.GetAsRunLog.Reply(entries: [SiteFixtures.asRun])
        #expect(try JSONValue(encoding: asRun).decode(as: Site.GetAsRunLog.Reply.self) == asRun)
    }

    @Test("numbers, optionals, nesting, free values and empty structs keep their kinds")
    func shapes() throws {
        let tree = try JSONValue(encoding: Wide())
        let members = try #require(tree.objectValue)
        #expect(members["whole"] == .integer(2), "a whole Double is an integer on the wire, as JSONEncoder writes it")
        #expect(members["fraction"] == .number(2.5))
        #expect(members["negative"] == .integer(-9_000_000_000))
        #expect(members["present"] == .string("có"))
        #expect(members["nested"] == .array([.array([.integer(1), .null]), .array([])]))
        #expect(members["free"] == Wide().free)
        #expect(members["empty"] == .object([:]))
        #expect(tree.objectValue?["missing"] == nil, "a nil optional is left out")
        #expect(try JSONValue(encoding: Empty()) == .object([:]))
    }

    @Test("base64 keeps its slashes unescaped")
    func slashes() throws {
        let call = try VarlinkCall(Site.UploadMedia.self, .init(name: "a", data: "ab/cd+=="))
        #expect(String(decoding: VarlinkFrameEncoder.frame(call), as: UTF8.self).contains("ab/cd+=="))
    }

    @Test("a non-finite number is refused, as JSONEncoder refuses it")
    func nonFinite() {
        #expect(throws: EncodingError.self) { try JSONValue(encoding: ["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONEncoder().encode(["x": Double.nan]) }
    }
}
