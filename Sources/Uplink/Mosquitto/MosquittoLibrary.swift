import CMosquitto
import Glibc
import HostSystem

/// libmosquitto, opened and set up once, when the first uplink client is made (`CMosquitto/shim.h` says why it is
/// not linked).
enum MosquittoLibrary {
    private static let opened: Result<communecast_mosquitto, UplinkError> = OnDemandLibrary.open(
        communecast_mosquitto_load
    )
    .mapError { .libraryUnavailable(reason: $0.reason) }
    .map { functions in
        _ = functions.mosquitto_lib_init()
        // libmosquitto writes TLS records with write(2), which raises SIGPIPE when the broker has closed the
        // connection; the uplink treats that as a lost connection, so the signal must not end the process.
        _ = signal(SIGPIPE, SIG_IGN)
        return functions
    }

    /// Opens and initialises libmosquitto (and OpenSSL through it) the first time it is called; later calls do
    /// nothing. Throws when the library cannot be opened.
    static func load() throws(UplinkError) {
        _ = try opened.get()
    }

    /// The functions. Only after `load()` has succeeded, as every `UplinkClient` makes sure first.
    static var functions: communecast_mosquitto {
        OnDemandLibrary.table(opened, of: "libmosquitto")
    }

    /// libmosquitto's version as `major.minor.revision`, for the log.
    static var version: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        _ = libmosquitto.mosquitto_lib_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}

extension MosquittoLibrary {
    /// libmosquitto's words for its own error `code` (`mosquitto_strerror`).
    static func message(_ code: Int32) -> String {
        libmosquitto.mosquitto_strerror(code).map { String(cString: $0) } ?? "libmosquitto error \(code)"
    }

    /// The name of MQTT 5 reason code `code` (`mosquitto_reason_string`), e.g. "Not authorized".
    static func reason(_ code: Int32) -> String {
        libmosquitto.mosquitto_reason_string(code).map { String(cString: $0) } ?? "reason code \(code)"
    }

    /// Whether `topic` is a topic a message may be published to (libmosquitto's own rule: no wildcards, UTF-8,
    /// not empty, at most 65,535 bytes).
    static func isValidTopic(_ topic: String) -> Bool {
        libmosquitto.mosquitto_pub_topic_check(topic) == MOSQ_ERR_SUCCESS.rawValue
    }

    /// Whether `filter` is a valid subscription filter.
    static func isValidFilter(_ filter: String) -> Bool {
        libmosquitto.mosquitto_sub_topic_check(filter) == MOSQ_ERR_SUCCESS.rawValue
    }
}

/// libmosquitto's functions (`libmosquitto.mosquitto_new(…)`), for code that runs after `MosquittoLibrary.load()`.
var libmosquitto: communecast_mosquitto { MosquittoLibrary.functions }
