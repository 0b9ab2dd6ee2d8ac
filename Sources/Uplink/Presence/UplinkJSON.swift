import Foundation

/// The one JSON form of the call-home payloads we define (status, events): compact, keys sorted, dates in ISO 8601
/// UTC, so the office, the site and `mosquitto_sub` all read the same text.
enum UplinkJSON {
    /// Encodes `value`.
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Our payload types hold strings, numbers and dates only, which always encode.
        return Array((try? encoder.encode(value)) ?? Data())
    }

    /// Decodes a `T` from `bytes`.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(bytes))
    }
}
