import SwiftASN1
import X509

extension Certificate {
    /// The certificate's DER encoding, for `x5c` and fingerprints.
    var derBytes: [UInt8] {
        get throws {
            var serializer = DER.Serializer()
            try serializer.serialize(self)
            return serializer.serializedBytes
        }
    }
}
