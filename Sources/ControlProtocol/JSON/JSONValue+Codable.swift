import Foundation

extension JSONValue: Codable {
    /// Reads any JSON value, so Codable structs can carry free-form members (event details, for one).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .integer(number)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([JSONValue].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Writes the value back unchanged.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .integer(let number): try container.encode(number)
        case .number(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let elements): try container.encode(elements)
        case .object(let members): try container.encode(members)
        }
    }
}

extension JSONValue {
    /// Converts a Codable value (a request or reply struct) into a `JSONValue`, for use as varlink parameters:
    /// Foundation's `JSONEncoder` writes it and the strict ``JSONParser`` reads it back, so a value we send obeys the
    /// same rules (64-bit integers, UTF-8, depth) as one we receive.
    public init(encoding value: some Encodable) throws(EncodingError) {
        let text: Data
        do {
            text = try Self.encoder.encode(value)
        } catch let error as EncodingError {
            throw error
        } catch {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(error)"))
        }
        do {
            self = try JSONParser().parse(text)
        } catch {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(error)"))
        }
    }

    /// Decodes this value into a Codable type, such as a method's `Parameters` or `Reply` struct, straight from
    /// the tree (``JSONValueDecoder``). Foundation's `JSONDecoder` would need the text written out again, and it
    /// leaves the coding path out of a number error (`2.5` for an integer), which `InvalidParameter` needs to name
    /// the parameter (issue 13 §5, BENCHMARKS.md).
    public func decode<Value: Decodable>(as type: Value.Type) throws(DecodingError) -> Value {
        do {
            return try JSONValueDecoder(self).decode(type)
        } catch let error as DecodingError {
            throw error
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(error)"))
        }
    }

    /// Writes slashes as they are: base64 audio is full of them, and escaping each one costs bytes on the wire.
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}
