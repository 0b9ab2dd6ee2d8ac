import BroadcastModel
import ControlProtocol
import Foundation
@testable import Store

/// Sample records and temporary files shared by the store tests.
enum Fixture {
    /// A fixed instant with milliseconds, so round trips are checked to the millisecond.
    static let epoch = Date(timeIntervalSince1970: 1_760_000_000.123)

    /// A clock that answers `epoch` until a test moves it.
    static var clock: ManualClock { ManualClock(epoch) }

    /// An in-memory store on the fixed clock.
    static func store() throws -> Store {
        try Store.inMemory(clock: clock)
    }

    /// A sha256 made of one repeated hex digit, or of `prefix` padded with that digit.
    static func sha(_ digit: Character, prefix: String = "") -> String {
        prefix + String(repeating: String(digit), count: 64 - prefix.count)
    }

    /// A media record named `name` whose sha256 is `sha`.
    static func media(_ name: String, sha: String, bytes: Int = 48_000) -> MediaRecord {
        MediaRecord(
            sha256: sha,
            name: name,
            durationSeconds: 12.5,
            bytes: bytes,
            loudnessLUFS: -16.0,
            createdAt: epoch,
            sourceDescription: "WAV, 16-bit signed PCM, 44100 Hz stereo"
        )
    }

    /// The issuer of the fixture alerts: the province's certificate.
    static let province = "tls:CN=so-tt-an-giang,O=So TT-TT An Giang,C=VN"

    /// The key of the fixture alert `id` from `issuer`.
    static func key(_ id: String, issuer: String = province) -> AlertKey {
        AlertKey(issuer: issuer, id: id)
    }

    /// A pending emergency alert with attention tone, playing `sha` (or tone only), pushed by `issuer` with `role`.
    static func alert(
        _ id: String,
        sha: String?,
        expiresIn: TimeInterval? = 3600,
        repeats: Int = 3,
        createdAt: Date = epoch,
        issuer: String = province,
        role: Role = .provincial
    ) -> AlertRecord {
        AlertRecord(
            issuer: issuer,
            issuerRole: role,
            id: id,
            status: .actual,
            level: .emergency,
            mediaSHA256: sha,
            tone: true,
            expiresAt: expiresIn.map { createdAt.addingTimeInterval($0) },
            repeatTotal: repeats,
            intervalSeconds: 600,
            nextDueAt: createdAt,
            createdAt: createdAt
        )
    }

    /// An aired normal-level entry that started at `startedAt`.
    static func asRun(startedAt: Date, source: String = "schedule:morning") -> AsRunEntry {
        AsRunEntry(
            plannedAt: startedAt,
            startedAt: startedAt,
            endedAt: startedAt.addingTimeInterval(30),
            level: .normal,
            mediaSHA256: sha("a"),
            mediaName: "ban-tin-sang",
            source: source,
            outcome: .aired,
            programmeID: "morning"
        )
    }

    /// A fresh temporary directory, removed by the caller with `FileManager.removeItem`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("communecast-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
