/// A strict RFC 8259 parser that turns one message's bytes into a `JSONValue`.
///
/// It exists instead of `JSONSerialization` because varlink needs exact 64-bit integers, strict UTF-8 and
/// duplicate-key checks, and because a hand-written parser over a byte buffer is fast for small messages.
public struct JSONParser: Sendable {
    /// How deeply arrays and objects may nest; guards the stack against hostile input such as `[[[[...`.
    public var maxDepth: Int

    /// Creates a parser; the default depth is far above anything our interface produces.
    public init(maxDepth: Int = 64) {
        self.maxDepth = maxDepth
    }

    /// Parses exactly one JSON value, allowing whitespace around it and nothing else.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Self.parse(buffer: buffer, maxDepth: maxDepth)
        }
        if let result {
            return try result.get()
        }
        return try Array(bytes).withUnsafeBufferPointer { buffer in
            Self.parse(buffer: buffer, maxDepth: maxDepth)
        }.get()
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONParseError> {
        var reader = JSONByteReader(bytes: buffer, maxDepth: maxDepth)
        do throws(JSONParseError) {
            reader.skipWhitespace()
            let value = try reader.readValue(depth: 0)
            reader.skipWhitespace()
            if reader.position != buffer.count {
                throw .trailingData(offset: reader.position)
            }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }
}
