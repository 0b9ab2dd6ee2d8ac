import AlertTrust
import Foundation

extension CAPMapper {
    /// The longest a signed alert may live (the sites refuse longer).
    static let maximumLifetime = AlertTrustPolicy().maximumLifetime

    /// `expires` from the info, else the policy's default after `sent`; at most the sites' longest lifetime; an
    /// expired message never airs.
    func mapExpiry(_ alert: CAPAlert, _ mapping: inout CAPMapping) -> CAPDisposition? {
        let sent = alert.sent.date
        var expires: Date
        if let given = mapping.info?.expires {
            guard given.date > sent else {
                mapping.fire("expires \(given.text) is not after sent \(alert.sent.text)")
                return .refuse("\(mapping.info!.path)/expires \(given.text) is not after sent")
            }
            expires = given.date
            mapping.fire("expires \(given.text) from the info")
        } else if let known = referencedEntries(alert).compactMap(\.expires).max(), alert.messageType == .cancel {
            expires = max(known, sent.addingTimeInterval(policy.defaultLifetime))
            mapping.fire("expires \(Self.text(expires)): the cancelled alert's expiry")
        } else {
            expires = sent.addingTimeInterval(policy.defaultLifetime)
            mapping.fire("expires \(Self.text(expires)): no expires in the info, the policy's default_expiry "
                         + "after sent")
        }
        if expires.timeIntervalSince(sent) > Self.maximumLifetime {
            expires = sent.addingTimeInterval(Self.maximumLifetime)
            mapping.fire("expires cut to \(Self.text(expires)): a signed alert lives at most 7 days")
        }
        guard expires > now else {
            mapping.fire("expired at \(Self.text(expires)) → never airs")
            return .log("expired at \(Self.text(expires))")
        }
        mapping.expires = expires
        return nil
    }

    /// RFC 3339 UTC.
    static func text(_ date: Date) -> String { AlertPayload.timeText(date) }
}
