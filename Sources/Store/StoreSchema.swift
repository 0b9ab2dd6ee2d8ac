import GRDB

/// The database schema, as a list of named migrations that GRDB applies once each, in order, and records in its
/// `grdb_migrations` table. A migration that has shipped is never edited: a change is a new migration ("v2-…").
///
/// Tables are `STRICT` (SQLite 3.37+, Debian 12 has 3.40) so a wrong type is an error rather than a silent
/// conversion, and `CHECK` constraints repeat the enums' raw values so that a row edited by hand with the
/// `sqlite3` shell cannot hold a value the daemon would fail to decode. Dates are `REAL` Unix seconds.
enum StoreSchema {
    /// The migrator that brings any older database up to the current schema.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial") { db in try createInitialTables(db) }
        migrator.registerMigration("v2-schedule-after-conflict") { db in
            try db.execute(sql: """
                ALTER TABLE schedule ADD COLUMN afterConflict INTEGER NOT NULL DEFAULT 0 CHECK (afterConflict IN (0, 1))
                """)
        }
        migrator.registerMigration("v3-media-alias") { db in
            try db.execute(sql: """
                CREATE TABLE mediaAlias (
                    name TEXT NOT NULL PRIMARY KEY CHECK (name <> ''),
                    sha256 TEXT NOT NULL REFERENCES media(sha256) ON DELETE CASCADE
                ) STRICT;
                CREATE INDEX mediaAlias_sha256 ON mediaAlias(sha256);
                """)
        }
        migrator.registerMigration("v4-asrun-interrupted") { db in try addInterruptedOutcome(db) }
        migrator.registerMigration("v5-alert-issuer") { db in try keyAlertsByIssuer(db) }
        migrator.registerMigration("v6-audit-role") { db in
            // The audit log's retention counts the entries of callers without a role apart (AuditRetention).
            try db.execute(sql: "CREATE INDEX audit_role ON audit(role, id)")
        }
        // v7 (issue 16): media rendered from text records the text's SHA-256, and so does the as-run log.
        migrator.registerMigration("v7-text-sha256") { db in
            try db.execute(sql: """
                ALTER TABLE media ADD COLUMN textSHA256 TEXT CHECK (textSHA256 IS NULL OR length(textSHA256) = 64);
                ALTER TABLE asRun ADD COLUMN textSHA256 TEXT CHECK (textSHA256 IS NULL OR length(textSHA256) = 64);
                """)
        }
        // v8 (issue 14): the replay store of signed alerts, and who drafted and approved each signed alert.
        migrator.registerMigration("v8-alert-replay") { db in try createReplayTable(db) }
        // v9 (issue 17): the CAP message a signed alert was drafted from, on the alert and each as-run entry.
        migrator.registerMigration("v9-cap-source") { db in try addCAPSource(db) }
        // v10 (issue 15): the call-home uplink's outbox and session counter.
        migrator.registerMigration("v10-uplink-outbox") { db in try createUplinkTables(db) }
        // v11 (issue 18): the stream an alert relays.
        migrator.registerMigration("v11-alert-stream") { db in try addAlertStream(db) }
        return migrator
    }

    /// The values each `CHECK (column IN (…))` of the first release allowed. They are written out, not taken from
    /// the enums, because a migration must create the same schema whenever it runs: a case added to an enum later
    /// needs a migration of its own (as `interrupted` got in v4), and a database from the first release keeps its
    /// old constraint until that migration runs.
    private enum FirstRelease {
        static let alertStatus = "'actual', 'exercise', 'test'"
        static let alertLevel = "'priority', 'emergency'"
        static let alertState = "'pending', 'playing', 'done', 'cancelled', 'expired', 'failed'"
        static let broadcastLevel = "'normal', 'priority', 'emergency'"
        static let asRunOutcome =
            "'started', 'aired', 'preempted', 'resumed', 'skipped', 'missed', 'failed', 'expired', 'cancelled'"
    }

    /// Media, alerts, as-run log, audit log, schedules and settings.
    private static func createInitialTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE media (
                sha256 TEXT NOT NULL PRIMARY KEY
                    CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
                name TEXT NOT NULL UNIQUE CHECK (name <> ''),
                durationSeconds REAL NOT NULL CHECK (durationSeconds >= 0),
                bytes INTEGER NOT NULL CHECK (bytes >= 0),
                loudnessLUFS REAL,
                createdAt REAL NOT NULL,
                sourceDescription TEXT NOT NULL
            ) STRICT;

            CREATE TABLE alert (
                id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
                status TEXT NOT NULL CHECK (status IN (\(FirstRelease.alertStatus))),
                level TEXT NOT NULL CHECK (level IN (\(FirstRelease.alertLevel))),
                mediaSHA256 TEXT,
                tone INTEGER NOT NULL CHECK (tone IN (0, 1)),
                expiresAt REAL,
                repeatTotal INTEGER NOT NULL CHECK (repeatTotal >= 1),
                repeatsDone INTEGER NOT NULL CHECK (repeatsDone BETWEEN 0 AND repeatTotal),
                intervalSeconds INTEGER NOT NULL CHECK (intervalSeconds >= 0),
                nextDueAt REAL NOT NULL,
                state TEXT NOT NULL CHECK (state IN (\(FirstRelease.alertState))),
                createdAt REAL NOT NULL,
                updatedAt REAL NOT NULL,
                lastOutcome TEXT,
                CHECK (mediaSHA256 IS NOT NULL OR tone = 1)
            ) STRICT;
            CREATE INDEX alert_state_due ON alert(state, nextDueAt);
            CREATE INDEX alert_media ON alert(mediaSHA256);
            CREATE INDEX alert_created ON alert(createdAt);

            CREATE TABLE asRun (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                plannedAt REAL,
                startedAt REAL,
                endedAt REAL,
                level TEXT NOT NULL CHECK (level IN (\(FirstRelease.broadcastLevel))),
                mediaSHA256 TEXT,
                mediaName TEXT,
                source TEXT NOT NULL CHECK (source <> ''),
                outcome TEXT NOT NULL CHECK (outcome IN (\(FirstRelease.asRunOutcome))),
                reason TEXT,
                status TEXT CHECK (status IN (\(FirstRelease.alertStatus))),
                programmeID TEXT,
                positionSeconds REAL CHECK (positionSeconds >= 0),
                CHECK (plannedAt IS NOT NULL OR startedAt IS NOT NULL)
            ) STRICT;
            CREATE INDEX asRun_at ON asRun(coalesce(startedAt, plannedAt));
            CREATE INDEX asRun_source ON asRun(source);

            CREATE TABLE audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at REAL NOT NULL,
                identity TEXT NOT NULL,
                role TEXT NOT NULL,
                method TEXT NOT NULL CHECK (method <> ''),
                summary TEXT NOT NULL,
                result TEXT NOT NULL
            ) STRICT;
            CREATE INDEX audit_at ON audit(at);

            CREATE TABLE schedule (
                id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
                yaml TEXT NOT NULL,
                addedAt REAL NOT NULL,
                updatedAt REAL NOT NULL
            ) STRICT;

            CREATE TABLE setting (
                key TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            ) STRICT;
            """)
    }

    /// v4: the as-run log may say `interrupted` (an item on air when the daemon died), and can be searched by
    /// programme and planned time (the scheduler's recovery at start-up). SQLite cannot change a `CHECK`
    /// constraint in place, so the table is rebuilt with the same columns and ids, as SQLite's documentation
    /// describes (create, copy, drop, rename, re-index), inside the migration's transaction.
    private static func addInterruptedOutcome(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE asRun_v4 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                plannedAt REAL,
                startedAt REAL,
                endedAt REAL,
                level TEXT NOT NULL CHECK (level IN ('normal', 'priority', 'emergency')),
                mediaSHA256 TEXT,
                mediaName TEXT,
                source TEXT NOT NULL CHECK (source <> ''),
                outcome TEXT NOT NULL CHECK (outcome IN ('started', 'aired', 'preempted', 'resumed', 'skipped',
                    'missed', 'failed', 'expired', 'cancelled', 'interrupted')),
                reason TEXT,
                status TEXT CHECK (status IN ('actual', 'exercise', 'test')),
                programmeID TEXT,
                positionSeconds REAL CHECK (positionSeconds >= 0),
                CHECK (plannedAt IS NOT NULL OR startedAt IS NOT NULL)
            ) STRICT;
            INSERT INTO asRun_v4 (id, plannedAt, startedAt, endedAt, level, mediaSHA256, mediaName, source, outcome,
                                  reason, status, programmeID, positionSeconds)
                SELECT id, plannedAt, startedAt, endedAt, level, mediaSHA256, mediaName, source, outcome, reason,
                       status, programmeID, positionSeconds
                FROM asRun;
            -- Keep AUTOINCREMENT's promise never to reuse an id, even one whose row is gone.
            UPDATE sqlite_sequence SET seq = max(seq, (SELECT coalesce(max(seq), 0) FROM sqlite_sequence
                                                       WHERE name = 'asRun'))
                WHERE name = 'asRun_v4';
            DROP TABLE asRun;
            ALTER TABLE asRun_v4 RENAME TO asRun;
            CREATE INDEX asRun_at ON asRun(coalesce(startedAt, plannedAt));
            CREATE INDEX asRun_source ON asRun(source);
            CREATE INDEX asRun_programme ON asRun(programmeID, plannedAt);
            """)
    }
}
