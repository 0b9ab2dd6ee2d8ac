extension Site {
    /// `DeleteMedia`: deletes media by name or sha256, unless a schedule or alert still uses it.
    public enum DeleteMedia: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.DeleteMedia"

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The name or sha256.
            public var name: String

            /// Creates the value.
            public init(name: String) {
                self.name = name
            }
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// Creates the empty reply parameters.
            public init() {}
        }
    }
}
