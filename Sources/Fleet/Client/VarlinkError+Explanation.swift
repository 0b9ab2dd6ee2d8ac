import ControlProtocol

extension VarlinkError {
    /// Whether a site's error reply is a refusal (the site declined the call by its rules: a role, a name, an
    /// expired alert) or a failure (the site could not carry it out, or does not speak this version).
    public enum Disposition: String, Sendable {
        /// The site said no; asking the same way again gets the same answer.
        case refused
        /// The site could not do it (its device, its disk, its version); a later try or another site may work.
        case failed
    }

    /// One entry of ``explanations``.
    struct Explanation: Sendable {
        let disposition: Disposition
        let sentence: @Sendable (Fields) -> String
    }

    /// Reads an error's parameters for the sentences, with a stand-in where an older or newer site left one out.
    struct Fields: Sendable {
        let parameters: [String: JSONValue]

        func text(_ key: String, _ fallback: String = "?") -> String {
            if case .string(let value) = parameters[key] { return value }
            return fallback
        }

        func texts(_ key: String) -> [String] {
            guard case .array(let values) = parameters[key] else { return [] }
            return values.compactMap { if case .string(let value) = $0 { value } else { nil } }
        }

        func integer(_ key: String) -> Int64? {
            if case .integer(let value) = parameters[key] { return value }
            return nil
        }
    }

    /// Every error a CommuneCast site can send, by its full name: whether it is a refusal, and the sentence people
    /// read instead of the wire form. The one table of the client side; a test checks that it covers every error
    /// the interfaces declare.
    static let explanations: [String: Explanation] = {
        let service = "org.varlink.service."
        let site = SiteInterface.name + "."
        return [
            service + "InterfaceNotFound": Explanation(disposition: .failed) {
                "the site does not offer the interface '\($0.text("interface"))'; is it a CommuneCast site of a "
                    + "version this CLI knows?"
            },
            service + "MethodNotFound": Explanation(disposition: .failed) {
                "the site does not know the call \($0.text("method")); it runs an older version than this CLI"
            },
            service + "MethodNotImplemented": Explanation(disposition: .failed) {
                "the site does not carry out \($0.text("method")); it runs a different version than this CLI"
            },
            service + "InvalidParameter": Explanation(disposition: .refused) {
                "the site did not accept the parameter '\($0.text("parameter"))' (missing, unknown or of the wrong "
                    + "type); is the site the same version as this CLI?"
            },
            service + "PermissionDenied": Explanation(disposition: .refused) { _ in
                "permission denied: this call needs a higher role than yours (on the site itself your Unix groups "
                    + "decide, over TLS your certificate's entry in the site's ACL)"
            },
            service + "ExpectedMore": Explanation(disposition: .failed) { _ in
                "this call streams its answers and must be made with more set"
            },
            site + "NotFound": Explanation(disposition: .refused) {
                "\($0.text("what", "something")) '\($0.text("name"))' is not on the site"
            },
            site + "Conflict": Explanation(disposition: .refused) { $0.text("reason") },
            site + "InvalidSchedule": Explanation(disposition: .refused) {
                "the schedule is not valid:\n" + $0.texts("problems").map { "  " + $0 }.joined(separator: "\n")
            },
            site + "InvalidMedia": Explanation(disposition: .refused) {
                "the site cannot use the audio: \($0.text("reason"))"
            },
            site + "InvalidArgument": Explanation(disposition: .refused) {
                "\($0.text("parameter")): \($0.text("reason"))"
            },
            site + "InUse": Explanation(disposition: .refused) {
                "'\($0.text("name"))' is still used by \($0.texts("references").joined(separator: ", "))"
            },
            site + "AlertCancelled": Explanation(disposition: .refused) {
                "alert '\($0.text("id"))' was cancelled, and a cancelled alert never airs again (push it under a "
                    + "new --id)"
            },
            site + "Expired": Explanation(disposition: .refused) {
                "alert '\($0.text("id"))' has expired, and nothing airs after its expiry (push it under a new --id "
                    + "with a later --expires)"
            },
            site + "TooLarge": Explanation(disposition: .refused) {
                let limit = $0.integer("limit").map { "\($0 / 1_024) KiB" } ?? "its limit"
                return "the upload is larger than the site accepts (\(limit); limits.max_upload_bytes)"
            },
            site + "AlertRefused": Explanation(disposition: .refused) {
                "the site refused the signed alert (\($0.text("code"))): \($0.text("reason"))"
            },
            site + "DeviceUnavailable": Explanation(disposition: .failed) {
                "the site's audio device is not working: \($0.text("reason"))"
            },
            site + "Internal": Explanation(disposition: .failed) {
                "the site failed: \($0.text("reason")); try again later, or look at the site's log"
            },
        ]
    }()

    /// The error in words for people. An error this CLI does not know (a newer site) is shown by name, said to be
    /// unknown, rather than dropped.
    public var explanation: String {
        guard let entry = Self.explanations[name] else {
            return "the site answered with an error this CLI does not know: \(description)"
        }
        return entry.sentence(Fields(parameters: parameters))
    }

    /// Whether the site refused the call, as opposed to failing at it; errors this CLI does not know are failures.
    public var disposition: Disposition {
        Self.explanations[name]?.disposition ?? .failed
    }

    /// Whether the CLI has a sentence for this error name.
    public static func isExplained(_ name: String) -> Bool {
        explanations[name] != nil
    }
}
