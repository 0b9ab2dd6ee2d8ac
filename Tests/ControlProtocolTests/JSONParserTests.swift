import Testing

@testable import ControlProtocol

@Suite("JSON parser and writer")
struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONParser().parse(Array(text.utf8))
    }

    @Test("parses every kind of value")
    func parsesEveryKind() throws {
        let value = try parse(#" {"a": [1, -2.5, true, false, null, "x"], "b": {}, "c": []} "#)
        #expect(value == ["a": [1, -2.5, true, false, nil, "x"], "b": [:], "c": []])
    }

    @Test("keeps integers exact across 64 bits", arguments: [
        ("1234567890123", JSONValue.integer(1_234_567_890_123)),
        ("9223372036854775807", .integer(.max)),
        ("-9223372036854775808", .integer(.min)),
        ("0", .integer(0)),
        ("-0", .integer(0)),
        ("9223372036854775808", .number(9_223_372_036_854_775_808)),
        ("1.5e3", .number(1500)),
        ("1E-2", .number(0.01)),
        ("2.0", .number(2)),
    ])
    func numbers(text: String, expected: JSONValue) throws {
        #expect(try parse(text) == expected)
    }

    @Test("writes numbers back exactly")
    func numberRoundTrip() throws {
        let value: JSONValue = [
            "big": .integer(1_234_567_890_123), "max": .integer(.max), "float": 0.1, "small": 1e-7, "whole": 3.0,
        ]
        let bytes = JSONWriter.bytes(of: value)
        #expect(String(decoding: bytes, as: UTF8.self)
            == #"{"big":1234567890123,"float":0.1,"max":9223372036854775807,"small":1e-07,"whole":3.0}"#)
        #expect(try JSONParser().parse(bytes) == value)
    }

    @Test("decodes escapes, including surrogate pairs")
    func escapes() throws {
        #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\udd0a""#) == .string("a\"b\\c/d\u{8}\u{c}\n\r\té🔊"))
    }

    @Test("writes strings with the escapes JSON requires and raw UTF-8 otherwise")
    func writesStrings() {
        let bytes = JSONWriter.bytes(of: "Loa \"phường\"\n\u{1}\\")
        #expect(String(decoding: bytes, as: UTF8.self) == #""Loa \"phường\"\n\u0001\\""#)
    }

    @Test("writes non-finite numbers as null")
    func nonFinite() {
        #expect(JSONWriter.bytes(of: .number(.infinity)) == Array("null".utf8))
    }

    @Test("refuses invalid UTF-8 inside strings")
    func invalidUTF8() {
        #expect(throws: JSONParseError.invalidUTF8(offset: 0)) {
            try JSONParser().parse([0x22, 0xC3, 0x28, 0x22])
        }
        #expect(throws: JSONParseError.invalidUTF8(offset: 0)) { try parse(#""\ud800""#) }
        #expect(throws: JSONParseError.invalidUTF8(offset: 0)) { try parse(#""\udc00x""#) }
    }

    @Test("refuses text that breaks the grammar", arguments: [
        "", " ", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "1.", ".5", "+1", "-", "1e", "NaN",
        "tru", "nul", "'a'", "\"a", "\"\u{1}\"", "\"\\x\"", "\"\\u12\"", "[1 2]", "1e400",
    ])
    func refusesGarbage(text: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
    }

    @Test("refuses trailing data and bytes outside strings")
    func trailing() {
        #expect(throws: JSONParseError.trailingData(offset: 3)) { try parse("{} {}") }
        #expect(throws: JSONParseError.unexpectedByte(0xFF, offset: 0)) { try JSONParser().parse([0xFF]) }
    }

    @Test("refuses duplicate keys")
    func duplicateKeys() {
        #expect(throws: JSONParseError.duplicateKey("a", offset: 9)) { try parse(#"{"a": 1, "a": 2}"#) }
    }

    @Test("limits nesting depth")
    func depth() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONParseError.nestingTooDeep(limit: 64)) { try parse(deep) }
        let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try parse(allowed).arrayValue != nil)
    }

    @Test("bridges Codable values without losing integers")
    func codable() throws {
        struct Sample: Codable, Equatable {
            var bytes: Int
            var name: String
            var extra: JSONValue
        }
        let sample = Sample(bytes: 1_234_567_890_123, name: "bản tin", extra: ["x": [1, 2.5, nil]])
        let value = try JSONValue(encoding: sample)
        #expect(value["bytes"] == .integer(1_234_567_890_123))
        #expect(try value.decode(as: Sample.self) == sample)
    }
}
