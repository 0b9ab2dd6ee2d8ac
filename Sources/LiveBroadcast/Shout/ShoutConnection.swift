import CShout
import HostSystem

/// One source connection to an Icecast mount through libshout, carrying Ogg Opus (one Swift owner of the C handle).
/// Sends block until the server has taken the bytes, so it is used from one thread at a time (`@unchecked Sendable`:
/// the broadcaster opens it, then hands it to its sending thread).
public final class ShoutConnection: @unchecked Sendable {
    /// The mount, for messages.
    public let url: MountURL
    private var shout: OpaquePointer?
    private let libshout: communecast_shout

    /// Prepares a connection; nothing is sent until `open()`.
    public init(url: MountURL, user: String, password: String, name: String, description: String) throws(LiveError) {
        self.url = url
        libshout = try Self.library.get()
        guard let handle = libshout.shout_new() else {
            throw .server(url: url.description, code: SHOUTERR_MALLOC, message: "libshout could not allocate")
        }
        shout = handle
        try check(libshout.shout_set_host(handle, url.host))
        try check(libshout.shout_set_port(handle, UInt16(clamping: url.port)))
        try check(libshout.shout_set_mount(handle, url.mount))
        try check(libshout.shout_set_user(handle, user))
        try check(libshout.shout_set_password(handle, password))
        try check(libshout.shout_set_protocol(handle, UInt32(SHOUT_PROTOCOL_HTTP)))
        try check(libshout.shout_set_tls(handle, SHOUT_TLS_DISABLED))
        try check(libshout.shout_set_content_format(handle, UInt32(SHOUT_FORMAT_OGG), UInt32(SHOUT_USAGE_AUDIO), nil))
        try check(libshout.shout_set_agent(handle, "communecast-live"))
        try check(libshout.shout_set_meta(handle, SHOUT_META_NAME, name))
        try check(libshout.shout_set_meta(handle, SHOUT_META_DESCRIPTION, description))
    }

    deinit {
        close()
        if let shout { libshout.shout_free(shout) }
    }

    /// libshout, opened and set up (`shout_init`) by the first connection of the process (CShout/shim.h).
    private static let library: Result<communecast_shout, LiveError> = OnDemandLibrary.open(communecast_shout_load)
        .mapError { .shoutUnavailable(reason: $0.reason) }
        .map { functions in
            functions.shout_init()
            return functions
        }

    /// Connects and logs in as the mount's source.
    public func open() throws(LiveError) {
        guard let shout else { return }
        try check(libshout.shout_open(shout))
    }

    /// Sends encoded Ogg pages.
    public func send(_ bytes: UnsafeRawBufferPointer) throws(LiveError) {
        guard let shout, let base = bytes.baseAddress, !bytes.isEmpty else { return }
        try check(libshout.shout_send(shout, base.assumingMemoryBound(to: UInt8.self), bytes.count))
    }

    /// Disconnects; safe to call when not connected.
    public func close() {
        guard let shout, libshout.shout_get_connected(shout) == SHOUTERR_CONNECTED else { return }
        _ = libshout.shout_close(shout)
    }

    private func check(_ code: Int32) throws(LiveError) {
        guard code != SHOUTERR_SUCCESS else { return }
        let message = shout.flatMap { libshout.shout_get_error($0) }.map { String(cString: $0) } ?? "error \(code)"
        throw .server(url: url.description, code: code, message: message)
    }
}
