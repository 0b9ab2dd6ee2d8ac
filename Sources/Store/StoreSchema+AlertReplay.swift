import GRDB

extension StoreSchema {
    /// v8: the replay store of signed alerts (issue 14), one row per (issuer, id) with the payload's SHA-256, its
    /// state and how long it is kept, so a replayed envelope is a duplicate after a restart too; and, on the alert
    /// and as-run tables, who drafted and who approved a signed alert, for `alert list` and the as-run log.
    ///
    /// A row without a hash is a tombstone (an update or cancel named the id first). The closing message is kept in
    /// four columns that are all set or all empty. `state` repeats what the other columns say, for people reading
    /// the table with the `sqlite3` shell; the `CHECK` keeps the two from disagreeing.
    static func createReplayTable(_ db: Database) throws {
        let roles = "'monitor', 'operator', 'provincial', 'admin'"
        try db.execute(sql: """
            CREATE TABLE alertReplay (
                issuer TEXT NOT NULL CHECK (issuer <> ''),
                id TEXT NOT NULL CHECK (id <> ''),
                payloadSHA256 TEXT CHECK (payloadSHA256 IS NULL
                    OR (length(payloadSHA256) = 64 AND payloadSHA256 NOT GLOB '*[^0-9a-f]*')),
                messageType TEXT CHECK (messageType IN ('alert', 'update', 'cancel')),
                sent REAL,
                authority TEXT CHECK (authority IN (\(roles))),
                closedByID TEXT,
                closedByType TEXT CHECK (closedByType IN ('update', 'cancel')),
                closedBySent REAL,
                closedByAuthority TEXT CHECK (closedByAuthority IN (\(roles))),
                state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'tombstone')),
                keepUntil REAL NOT NULL,
                PRIMARY KEY (issuer, id),
                CHECK ((payloadSHA256 IS NULL) = (messageType IS NULL) AND (payloadSHA256 IS NULL) = (sent IS NULL)
                    AND (payloadSHA256 IS NULL) = (authority IS NULL)),
                CHECK ((closedByID IS NULL) = (closedByType IS NULL) AND (closedByID IS NULL) = (closedBySent IS NULL)
                    AND (closedByID IS NULL) = (closedByAuthority IS NULL)),
                CHECK (state = CASE WHEN payloadSHA256 IS NULL THEN 'tombstone'
                    WHEN closedByID IS NULL THEN 'open' ELSE 'closed' END)
            ) STRICT;
            CREATE INDEX alertReplay_keepUntil ON alertReplay(keepUntil);
            ALTER TABLE alert ADD COLUMN drafter TEXT;
            ALTER TABLE alert ADD COLUMN approvers TEXT;
            ALTER TABLE asRun ADD COLUMN signedBy TEXT;
            """)
    }
}
