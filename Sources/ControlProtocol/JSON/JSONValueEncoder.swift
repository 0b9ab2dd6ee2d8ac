/// Encodes a Codable value straight into a ``JSONValue``.
///
/// Before, a reply went through Foundation's `JSONEncoder`, then our parser, then the frame writer: every reply was
/// written as JSON twice and parsed once. This builds the tree directly. It produces what that path produced:
/// integers stay integers, a `Double` with no fraction (below 2^53) becomes an integer as `JSONEncoder` writes it, a
/// non-finite number is refused with `EncodingError.invalidValue`, `nil` optionals are left out, and a value that
/// encodes nothing is an empty object.
struct JSONValueEncoder: Encoder {
    /// Where the value being encoded goes; containers made from this encoder write into it.
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The tree of `value`.
    static func encode(_ value: some Encodable) throws(EncodingError) -> JSONValue {
        let node = EncodingNode()
        do {
            try JSONValueEncoder(node: node, codingPath: []).encodeValue(value)
        } catch let error as EncodingError {
            throw error
        } catch {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(error)"))
        }
        return node.resolved
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.members == nil { node.members = [:] }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if node.elements == nil { node.elements = [] }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath)
    }

    /// Encodes `value` into this encoder's node; a ``JSONValue`` is taken as it is.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if let tree = value as? JSONValue {
            node.value = tree
        } else {
            try value.encode(to: self)
        }
    }
}

/// One value under construction: a scalar, or an object or array whose members are nodes themselves (containers
/// hand out nested containers that keep writing into the same tree).
final class EncodingNode {
    var value: JSONValue?
    var members: [String: EncodingNode]?
    var elements: [EncodingNode]?

    /// A node holding `value`, or an empty one for a container to fill.
    init(_ value: JSONValue? = nil) {
        self.value = value
    }

    /// The finished value; a node nothing was written to is an empty object, as `JSONEncoder` writes it.
    var resolved: JSONValue {
        if let members { return .object(members.mapValues(\.resolved)) }
        if let elements { return .array(elements.map(\.resolved)) }
        return value ?? .object([:])
    }

    /// A child node for a nested value.
    static func child(of path: [any CodingKey], _ key: any CodingKey) -> (EncodingNode, [any CodingKey]) {
        (EncodingNode(), path + [key])
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    func encodeNil() { node.value = .null }
    func encode(_ value: Bool) { node.value = .bool(value) }
    func encode(_ value: String) { node.value = .string(value) }
    func encode(_ value: Double) throws { node.value = try number(value) }
    func encode(_ value: Float) throws { node.value = try number(Double(value)) }
    func encode(_ value: Int) { node.value = integer(value) }
    func encode(_ value: Int8) { node.value = integer(value) }
    func encode(_ value: Int16) { node.value = integer(value) }
    func encode(_ value: Int32) { node.value = integer(value) }
    func encode(_ value: Int64) { node.value = integer(value) }
    func encode(_ value: UInt) { node.value = integer(value) }
    func encode(_ value: UInt8) { node.value = integer(value) }
    func encode(_ value: UInt16) { node.value = integer(value) }
    func encode(_ value: UInt32) { node.value = integer(value) }
    func encode(_ value: UInt64) { node.value = integer(value) }

    func encode<T: Encodable>(_ value: T) throws {
        try JSONValueEncoder(node: node, codingPath: codingPath).encodeValue(value)
    }

    private func integer(_ value: some FixedWidthInteger) -> JSONValue {
        Int64(exactly: value).map(JSONValue.integer) ?? .number(Double(value))
    }

    private func number(_ value: Double) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(
                codingPath: codingPath, debugDescription: "\(value) cannot be written as a JSON number."
            ))
        }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return .integer(Int64(value)) }
        return .number(value)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) { node.members?[key.stringValue] = EncodingNode(.null) }

    mutating func encode(_ value: Bool, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try put(value, forKey: key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try put(value, forKey: key) }

    private func put<T: Encodable>(_ value: T, forKey key: Key) throws {
        let (child, path) = EncodingNode.child(of: codingPath, key)
        try JSONValueEncoder(node: child, codingPath: path).encodeValue(value)
        node.members?[key.stringValue] = child
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        JSONValueEncoder(node: insert(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        JSONValueEncoder(node: insert(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let key = IndexKey(stringValue: "super")
        let child = EncodingNode()
        node.members?[key.stringValue] = child
        return JSONValueEncoder(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        JSONValueEncoder(node: insert(key), codingPath: codingPath + [key])
    }

    private func insert(_ key: Key) -> EncodingNode {
        let child = EncodingNode()
        node.members?[key.stringValue] = child
        return child
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    var count: Int { node.elements?.count ?? 0 }

    mutating func encodeNil() { node.elements?.append(EncodingNode(.null)) }

    mutating func encode(_ value: Bool) throws { try put(value) }
    mutating func encode(_ value: String) throws { try put(value) }
    mutating func encode(_ value: Double) throws { try put(value) }
    mutating func encode(_ value: Float) throws { try put(value) }
    mutating func encode(_ value: Int) throws { try put(value) }
    mutating func encode(_ value: Int8) throws { try put(value) }
    mutating func encode(_ value: Int16) throws { try put(value) }
    mutating func encode(_ value: Int32) throws { try put(value) }
    mutating func encode(_ value: Int64) throws { try put(value) }
    mutating func encode(_ value: UInt) throws { try put(value) }
    mutating func encode(_ value: UInt8) throws { try put(value) }
    mutating func encode(_ value: UInt16) throws { try put(value) }
    mutating func encode(_ value: UInt32) throws { try put(value) }
    mutating func encode(_ value: UInt64) throws { try put(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try put(value) }

    private func put<T: Encodable>(_ value: T) throws {
        let (child, path) = EncodingNode.child(of: codingPath, IndexKey(intValue: count))
        try JSONValueEncoder(node: child, codingPath: path).encodeValue(value)
        node.elements?.append(child)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let (child, path) = append()
        return JSONValueEncoder(node: child, codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let (child, path) = append()
        return JSONValueEncoder(node: child, codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let (child, path) = append()
        return JSONValueEncoder(node: child, codingPath: path)
    }

    private mutating func append() -> (EncodingNode, [any CodingKey]) {
        let (child, path) = EncodingNode.child(of: codingPath, IndexKey(intValue: count))
        node.elements?.append(child)
        return (child, path)
    }
}
