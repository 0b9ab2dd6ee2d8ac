import Foundation
import Testing
@testable import ControlProtocol

/// `JSONValueDecoder` decodes from the parsed tree; it must agree with Foundation's `JSONDecoder` on the text.
@Suite("JSONValueDecoder: Codable straight from the parsed tree, as JSONDecoder would")
struct JSONValueDecoderTests {
    struct Sample: Codable, Equatable {
        enum Kind: String, Codable { case alpha, beta }
        struct Inner: Codable, Equatable {
            var values: [Double]
            var flags: [Bool?]
        }
        var name: String
        var count: Int
        var big: Int64
        var small: UInt8
        var ratio: Double
        var kind: Kind
        var inner: Inner
        var optional: String?
        var table: [String: Int]
        var free: JSONValue
        var nested: [[Int]]
    }

    static let text = """
        {"name": "Lũ trên sông Hậu", "count": 3, "big": 1234567890123, "small": 255, "ratio": 2,
         "kind": "beta", "inner": {"values": [1, 2.5, -3e2], "flags": [true, null, false]},
         "optional": null, "table": {"a": 1, "b": -2}, "free": {"x": [1, "y", null]}, "nested": [[], [1, 2]]}
        """

    @Test("every kind of member decodes as JSONDecoder decodes the same text")
    func agreesWithJSONDecoder() throws {
        let expected = try JSONDecoder().decode(Sample.self, from: Data(Self.text.utf8))
        let tree = try JSONParser().parse(Data(Self.text.utf8))
        #expect(try tree.decode(as: Sample.self) == expected)
        #expect(expected.optional == nil && expected.ratio == 2 && expected.big == 1_234_567_890_123)
    }

    @Test("every protocol sample's parameters and reply survive encode and decode")
    func protocolSamples() throws {
        let health = Site.GetHealth.Reply(health: SiteFixtures.health)
        #expect(try JSONValue(encoding: health).decode(as: Site.GetHealth.Reply.self) == health)
        let push = Site.PushAlert.Parameters(id: "a", media: "m", tone: nil, level: .emergency, status: nil,
                                             expires: nil, repeat: 2, intervalS: nil)
        #expect(try JSONValue(encoding: push).decode(as: Site.PushAlert.Parameters.self) == push)
    }

    @Test("errors name the path: missing key, null, wrong kind, out of range, fraction, bad enum value")
    func errors() throws {
        func failure(_ change: (inout [String: JSONValue]) -> Void) throws -> DecodingError? {
            var members = try #require(JSONParser().parse(Data(Self.text.utf8)).objectValue)
            change(&members)
            do {
                _ = try JSONValue.object(members).decode(as: Sample.self)
                return nil
            } catch {
                return error
            }
        }
        guard case .keyNotFound(let key, _) = try failure({ $0["count"] = nil }) else { throw Failure("missing") }
        #expect(key.stringValue == "count")
        guard case .valueNotFound(_, let context) = try failure({ $0["name"] = .null }) else { throw Failure("null") }
        #expect(context.codingPath.map(\.stringValue) == ["name"])
        let wrongKind = JSONValue.object(["values": .array([.string("1")]), "flags": .array([])])
        guard case .typeMismatch(_, let mismatch) = try failure({ $0["inner"] = wrongKind }) else {
            throw Failure("kind")
        }
        #expect(mismatch.codingPath.map(\.stringValue) == ["inner", "values", "Index 0"])
        guard case .dataCorrupted(let range) = try failure({ $0["small"] = .integer(256) }) else {
            throw Failure("range")
        }
        #expect(range.codingPath.map(\.stringValue) == ["small"])
        guard case .dataCorrupted = try failure({ $0["count"] = .number(2.5) }) else { throw Failure("fraction") }
        guard case .dataCorrupted(let raw) = try failure({ $0["kind"] = .string("gamma") }) else {
            throw Failure("enum")
        }
        #expect(raw.codingPath.map(\.stringValue) == ["kind"])
        #expect(try failure({ $0["count"] = .number(4) }) == nil, "an integral float decodes as an integer")
    }

    @Test("Foundation's JSONDecoder leaves the path out of a number error, which this decoder keeps (why it stays)")
    func foundationLosesThePath() throws {
        struct Count: Decodable { var count: Int }
        let text = Data(#"{"count": 2.5}"#.utf8)
        guard case .dataCorrupted(let foundation)? = #expect(throws: DecodingError.self, performing: {
            try JSONDecoder().decode(Count.self, from: text)
        }) else { throw Failure("Foundation") }
        #expect(foundation.codingPath.isEmpty, "Foundation now names the path: JSONValueDecoder may give way to it")
        let call = VarlinkCall(method: Site.PushAlert.name, parameters: ["id": .string("a"), "repeat": .number(2.5)])
        #expect(throws: VarlinkError.invalidParameter("repeat")) { try call.decodeParameters(for: Site.PushAlert.self) }
    }

    @Test("a bad parameter becomes InvalidParameter naming it, as before")
    func invalidParameter() throws {
        let call = VarlinkCall(method: Site.DeleteMedia.name, parameters: ["name": .integer(3)])
        #expect(throws: VarlinkError.invalidParameter("name")) { try call.decodeParameters(for: Site.DeleteMedia.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = "unexpected error kind: \(description)" }
    }
}
