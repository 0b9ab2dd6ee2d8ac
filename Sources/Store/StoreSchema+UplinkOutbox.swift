import GRDB

extension StoreSchema {
    /// v10 (issue 15): what the site's call-home uplink keeps across a restart. `uplinkOutbox` holds the messages
    /// that must reach the broker (alert events, as-run lines) until it acknowledges them, each as the uplink encoded
    /// it; `uplinkSession` holds the last session number handed out (one row), so the status and the Last Will of a
    /// later connection always carry a larger number, across restarts; `uplinkCommand` holds the ids of the signed
    /// commands answered within the signature window, so a replay is refused after a restart too.
    static func createUplinkTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE uplinkOutbox (
                key INTEGER PRIMARY KEY AUTOINCREMENT,
                message BLOB NOT NULL CHECK (length(message) > 0),
                createdAt REAL NOT NULL
            ) STRICT;
            CREATE TABLE uplinkSession (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                number INTEGER NOT NULL CHECK (number >= 0)
            ) STRICT;
            CREATE TABLE uplinkCommand (
                id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
                signedAt REAL NOT NULL
            ) STRICT;
            """)
    }
}
