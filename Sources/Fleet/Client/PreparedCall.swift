import ControlProtocol

/// A call to `Method` encoded into its varlink frame once, to be sent to many sites.
///
/// A fan-out upload sends the same parameters, about 250 KB of base64 for a minute of speech, to every selected
/// site. Encoding them once instead of once per site saves the CLI three passes over that text per site (Codable
/// encoding, parsing into a `JSONValue`, writing the frame); every site is then sent the same bytes.
public struct PreparedCall<Method: VarlinkMethod>: Sendable {
    /// The frame, NUL included.
    let frame: [UInt8]
    /// The role these parameters need on the site, to name it if the site refuses.
    let requiredRole: Role

    /// Encodes `parameters` for `method` (a call that waits for one reply).
    public init(_ method: Method.Type, _ parameters: Method.Parameters) throws(EncodingError) {
        frame = VarlinkFrameEncoder.frame(try VarlinkCall(method, parameters, more: false))
        requiredRole = method.requiredRole(for: parameters)
    }
}
