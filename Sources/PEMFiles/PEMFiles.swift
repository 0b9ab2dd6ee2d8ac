import Foundation
import NIOSSL

/// Reads the PEM certificates and keys of TLS, for the site's listener (`ControlServer`) and the office's client
/// (`Fleet`) alike: a missing or unreadable file is reported in words before the TLS library reports it as an opaque
/// error, and every error names the file and its role (`"site key"`, `"client certificate (--cert)"`).
public enum PEMFiles {
    /// Every certificate in a PEM file; at least one is required.
    public static func certificates(at path: String, role: String) throws(PEMFileError) -> [NIOSSLCertificate] {
        try checkReadable(path, role: role)
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw PEMFileError(path: path, reason: "the \(role) is not a PEM certificate (\(error))")
        }
        guard !certificates.isEmpty else {
            throw PEMFileError(path: path, reason: "the \(role) file holds no PEM certificate")
        }
        return certificates
    }

    /// The private key in a PEM file.
    public static func privateKey(at path: String, role: String) throws(PEMFileError) -> NIOSSLPrivateKey {
        try checkReadable(path, role: role)
        do {
            return try NIOSSLPrivateKey(file: path, format: .pem)
        } catch {
            throw PEMFileError(path: path, reason: "the \(role) is not a PEM private key (\(error))")
        }
    }

    private static func checkReadable(_ path: String, role: String) throws(PEMFileError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw PEMFileError(path: path, reason: "the \(role) file does not exist")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw PEMFileError(path: path, reason: "the \(role) file is not readable by this user")
        }
    }
}
