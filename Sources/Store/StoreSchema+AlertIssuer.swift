import ControlProtocol
import GRDB

extension StoreSchema {
    /// The issuer given to an alert pushed before v5 whose push the audit log does not show.
    static let unrecordedIssuer = "unrecorded"

    /// v5: alerts are keyed by (issuer, id) and remember the role they were pushed with, so that an id taken by one
    /// caller (an operator's priority `storm-9999`) never swallows another's push (the province's emergency
    /// `storm-9999`), and a cancel reaches only alerts of its own authority or lower. Issue 14's replay store keys
    /// its rows the same way.
    ///
    /// SQLite cannot change a primary key in place, so the table is rebuilt as v4 rebuilt the as-run log. Each
    /// existing alert takes the issuer and role of the first successful PushAlert of its id in the audit log, so that
    /// a replay of an alert accepted before the upgrade is still a duplicate, and a replay of one cancelled before it
    /// still refused. An alert the audit log does not explain keeps the issuer `unrecorded` and the least role that
    /// could push its level.
    static func keyAlertsByIssuer(_ db: Database) throws {
        var issuers: [String: (issuer: String, role: String)] = [:]
        let pushes = try Row.fetchCursor(db, sql: """
            SELECT identity, role, summary FROM audit
            WHERE method = 'io.communecast.Site.PushAlert' AND result = 'ok' ORDER BY id
            """)
        while let push = try pushes.next() {
            guard let id = AlertKey.id(auditSummary: push["summary"]), issuers[id] == nil,
                  let issuer = AlertKey.issuer(auditIdentity: push["identity"]) else { continue }
            issuers[id] = (issuer, push["role"])
        }
        try db.execute(sql: """
            CREATE TABLE alert_v5 (
                issuer TEXT NOT NULL CHECK (issuer <> ''),
                issuerRole TEXT NOT NULL CHECK (issuerRole IN ('monitor', 'operator', 'provincial', 'admin')),
                id TEXT NOT NULL CHECK (id <> ''),
                status TEXT NOT NULL CHECK (status IN ('actual', 'exercise', 'test')),
                level TEXT NOT NULL CHECK (level IN ('priority', 'emergency')),
                mediaSHA256 TEXT,
                tone INTEGER NOT NULL CHECK (tone IN (0, 1)),
                expiresAt REAL,
                repeatTotal INTEGER NOT NULL CHECK (repeatTotal >= 1),
                repeatsDone INTEGER NOT NULL CHECK (repeatsDone BETWEEN 0 AND repeatTotal),
                intervalSeconds INTEGER NOT NULL CHECK (intervalSeconds >= 0),
                nextDueAt REAL NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'playing', 'done', 'cancelled', 'expired', 'failed')),
                createdAt REAL NOT NULL,
                updatedAt REAL NOT NULL,
                lastOutcome TEXT,
                PRIMARY KEY (issuer, id),
                CHECK (mediaSHA256 IS NOT NULL OR tone = 1)
            ) STRICT;
            """)
        let columns = "id, status, level, mediaSHA256, tone, expiresAt, repeatTotal, repeatsDone, intervalSeconds, "
            + "nextDueAt, state, createdAt, updatedAt, lastOutcome"
        for row in try Row.fetchAll(db, sql: "SELECT id, level FROM alert") {
            let id: String = row["id"]
            let level: String = row["level"]
            let known = issuers[id]
            try db.execute(
                sql: "INSERT INTO alert_v5 (issuer, issuerRole, \(columns)) "
                    + "SELECT ?, ?, \(columns) FROM alert WHERE id = ?",
                arguments: [known?.issuer ?? unrecordedIssuer,
                            known?.role ?? (level == "emergency" ? "provincial" : "operator"), id]
            )
        }
        try db.execute(sql: """
            DROP TABLE alert;
            ALTER TABLE alert_v5 RENAME TO alert;
            CREATE INDEX alert_state_due ON alert(state, nextDueAt);
            CREATE INDEX alert_media ON alert(mediaSHA256);
            CREATE INDEX alert_created ON alert(createdAt);
            CREATE INDEX alert_id ON alert(id);
            """)
    }
}
