import AlertTrust
import Foundation
import Store

/// The signed configuration a site applied last (issue 15 §4): its id and signing time, kept in the store beside
/// the groups it set, so that only a configuration signed later replaces it. The configuration topic is retained and
/// its signatures have no maximum age, so this order, not the signature window, keeps an older retained or replayed
/// configuration from undoing a newer one.
struct AppliedConfiguration: Codable, Equatable {
    /// The store setting that holds it, as JSON.
    static let setting = "uplink_groups_signed"

    /// The configuration's command id.
    let id: String
    /// When it was signed, in whole seconds since 1970 (the precision of a signature's `iat`).
    let signedAt: Int64

    /// The record of `verified`.
    init(_ verified: VerifiedCommand) {
        id = verified.command.id
        signedAt = Int64(verified.issuedAt.timeIntervalSince1970)
    }

    /// The record in `store`, if a configuration was applied (and the record is readable).
    static func stored(_ store: Store) -> AppliedConfiguration? {
        guard let text = try? store.setting(setting) else { return nil }
        return try? JSONDecoder().decode(AppliedConfiguration.self, from: Data(text.utf8))
    }

    /// The record as the store keeps it.
    var text: String {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Refuses `verified` unless it was signed after this one: `replayed` for this very configuration again,
    /// `superseded` for another signed at the same second or earlier.
    func checkReplaced(by verified: VerifiedCommand) throws {
        let candidate = AppliedConfiguration(verified)
        let applied = Date(timeIntervalSince1970: TimeInterval(signedAt))
        if candidate.id == id {
            throw SiteFailure.alertRefused(code: "replayed", reason: "configuration \(id), signed \(applied), "
                                           + "was already applied")
        }
        guard candidate.signedAt > signedAt else {
            throw SiteFailure.alertRefused(code: "superseded", reason: "configuration \(candidate.id) was signed "
                                           + "\(verified.issuedAt), not after the one applied (\(id), signed "
                                           + "\(applied)): newer wins")
        }
    }
}
