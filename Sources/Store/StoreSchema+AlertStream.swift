import GRDB

extension StoreSchema {
    /// v11: the stream an alert relays (issue 18: a live emergency broadcast), its URLs as a JSON array and its
    /// duration in seconds; both empty for alerts of media or the tone alone.
    static func addAlertStream(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE alert ADD COLUMN streamURLs TEXT CHECK (streamURLs IS NULL OR json_valid(streamURLs));
            ALTER TABLE alert ADD COLUMN streamSeconds INTEGER CHECK (streamSeconds IS NULL OR streamSeconds > 0);
            """)
    }
}
