import GRDB

extension StoreSchema {
    /// v9: the CAP message (`sender,identifier,sent`, as CAP's own `references` name a message) that a signed alert
    /// was drafted from, kept on the alert and on each as-run entry of it, so an airing can be traced to the warning
    /// that caused it (issue 17). Empty for alerts a person wrote and for everything that is not an alert.
    static func addCAPSource(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE alert ADD COLUMN capSource TEXT CHECK (capSource IS NULL OR capSource <> '');
            ALTER TABLE asRun ADD COLUMN capSource TEXT CHECK (capSource IS NULL OR capSource <> '');
            """)
    }
}
