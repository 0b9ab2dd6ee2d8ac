/// Why a live broadcast could not start or go on, in words an operator can act on.
public enum LiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--mount` is not an `http://host[:port]/mount` URL.
    case badMount(url: String, reason: String)
    /// The Icecast server could not be reached, refused the login, or dropped the connection.
    case server(url: String, code: Int32, message: String)
    /// The input (a device or a file) could not be opened or read.
    case input(name: String, message: String)
    /// The password file could not be read.
    case passwordFile(path: String, message: String)
    /// libshout, opened when the first connection is made, cannot be opened; `reason` is the loader's message.
    case shoutUnavailable(reason: String)

    public var description: String {
        switch self {
        case let .badMount(url, reason): "\(url): not an Icecast mount URL: \(reason); expected http://host:port/mount"
        case let .server(url, code, message):
            "\(url): " + (code == -3
                ? "the server refused the source login (\(message)); check --user and --password-file"
                : "\(message) (libshout error \(code)); check that Icecast runs and the mount is free")
        // A decoder's message names the file already.
        case let .input(name, message): message.contains(name) ? message : "\(name): \(message)"
        case let .passwordFile(path, message): "\(path): cannot read the source password: \(message)"
        case let .shoutUnavailable(reason):
            "libshout, which sends to Icecast, cannot be opened (\(reason)); install it (Debian: apt install libshout3)"
        }
    }
}
