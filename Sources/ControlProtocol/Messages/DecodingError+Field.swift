extension DecodingError {
    /// The top-level parameter a decoding failure concerns, for `InvalidParameter` replies.
    var topLevelField: String? {
        switch self {
        case .keyNotFound(let key, let context):
            (context.codingPath.first ?? key).stringValue
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.codingPath.first?.stringValue
        @unknown default:
            nil
        }
    }
}
