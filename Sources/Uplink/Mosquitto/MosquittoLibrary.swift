import CMosquitto
import Glibc

/// libmosquitto's process-wide set-up, done once before the first handle is made.
enum MosquittoLibrary {
    private static let initialised: Void = {
        _ = mosquitto_lib_init()
        // libmosquitto writes TLS records with write(2), which raises SIGPIPE when the broker has closed the
        // connection; the uplink treats that as a lost connection, so the signal must not end the process.
        _ = signal(SIGPIPE, SIG_IGN)
    }()

    /// Initialises libmosquitto (and OpenSSL through it) the first time it is called; later calls do nothing.
    static func initialise() {
        initialised
    }

    /// libmosquitto's version as `major.minor.revision`, for the log.
    static var version: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        _ = mosquitto_lib_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}

extension MosquittoLibrary {
    /// Whether `topic` is a topic a message may be published to (libmosquitto's own rule: no wildcards, UTF-8,
    /// not empty, at most 65,535 bytes).
    static func isValidTopic(_ topic: String) -> Bool {
        mosquitto_pub_topic_check(topic) == MOSQ_ERR_SUCCESS.rawValue
    }

    /// Whether `filter` is a valid subscription filter.
    static func isValidFilter(_ filter: String) -> Bool {
        mosquitto_sub_topic_check(filter) == MOSQ_ERR_SUCCESS.rawValue
    }
}
