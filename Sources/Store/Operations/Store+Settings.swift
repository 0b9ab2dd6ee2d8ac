import Foundation
import GRDB

extension Store {
    /// The settings key of the output volume.
    static let volumeKey = "volume_db"

    /// A raw setting, as text, if set.
    public func setting(_ key: String) throws(StoreError) -> String? {
        try read("read setting '\(key)'") { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
        }
    }

    /// Sets a raw setting, or removes it when `value` is `nil`.
    public func setSetting(_ key: String, to value: String?) throws(StoreError) {
        try setSettings([(key, value)])
    }

    /// Sets (or, for `nil`, removes) several settings in one transaction, so that a crash leaves all of them or
    /// none changed; the scheduler keeps two that must agree.
    public func setSettings(_ settings: [(key: String, value: String?)]) throws(StoreError) {
        let keys = settings.map { "'\($0.key)'" }.joined(separator: ", ")
        try write("write setting\(settings.count == 1 ? "" : "s") \(keys)") { db in
            for (key, value) in settings {
                if let value {
                    try db.execute(
                        sql: """
                            INSERT INTO setting (key, value) VALUES (?, ?)
                            ON CONFLICT (key) DO UPDATE SET value = excluded.value
                            """,
                        arguments: [key, value]
                    )
                } else {
                    try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key])
                }
            }
        }
    }

    /// The volume an operator set through the control API, in dB relative to the profile's reference, or `nil`
    /// when none was set and the hardware profile's default applies. It survives restarts.
    ///
    /// - Throws: ``StoreError/invalid(what:reason:)`` when the stored text is not a number (edited by hand).
    public func volumeDB() throws(StoreError) -> Double? {
        guard let text = try setting(Self.volumeKey) else {
            return nil
        }
        guard let value = Double(text), value.isFinite else {
            throw .invalid(what: "setting '\(Self.volumeKey)'", reason: "stored value '\(text)' is not a number; "
                + "set the volume again")
        }
        return value
    }

    /// Stores the volume, or clears it with `nil` so the profile's default applies again.
    ///
    /// - Throws: ``StoreError/invalid(what:reason:)`` for a value that is not a finite number.
    public func setVolumeDB(_ value: Double?) throws(StoreError) {
        if let value, !value.isFinite {
            throw .invalid(what: "volume", reason: "\(value) dB is not a number")
        }
        try setSetting(Self.volumeKey, to: value.map { String($0) })
    }
}
