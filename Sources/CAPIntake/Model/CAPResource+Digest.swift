import Crypto

extension CAPResource {
    /// The SHA-1 of fetched bytes in lowercase hex, as CAP's `digest` element gives it: the CLI checks a resource
    /// against it before importing, without importing Crypto itself.
    public static func sha1Hex(_ bytes: [UInt8]) -> String {
        Insecure.SHA1.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
