import ControlProtocol
import Foundation

/// A signed command that passed every check: who signed it, with what role in the site's ACL, and the call.
public struct VerifiedCommand: Sendable, Equatable {
    /// The command.
    public let command: SignedCommand
    /// The signer's certificate.
    public let signer: SignerIdentity
    /// The signer's role in the site's ACL: what the dispatcher lets the call do.
    public let role: Role
    /// When it was signed.
    public let issuedAt: Date

    /// The call's bytes as a varlink frame would carry them (without the NUL).
    public var frame: [UInt8] { JSONWriter.bytes(of: command.call) }
}
