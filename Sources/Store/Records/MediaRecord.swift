import Foundation
import GRDB

/// One imported media file. The audio itself lives at `<state>/media/<sha256>.opus`, written by the daemon; this
/// row is what the control API lists and what schedules and alerts resolve names against.
public struct MediaRecord: Codable, Equatable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    /// The table, named once so that raw SQL and the record agree.
    public static let databaseTableName = "media"

    /// SHA-256 of the stored Ogg Opus file, 64 lowercase hex digits: the primary key and the file name.
    public var sha256: String
    /// The operator's name for it, unique and case-sensitive ("ban-tin-sang", "Bao-Lu.wav").
    public var name: String
    /// Playing time of the stored file.
    public var durationSeconds: Double
    /// Size of the stored file.
    public var bytes: Int
    /// Integrated loudness measured at import (EBU R128). `nil` when not measured or not measurable: digital
    /// silence measures −∞, which the store keeps as `nil`.
    public var loudnessLUFS: Double?
    /// When it was imported.
    public var createdAt: Date
    /// What it was made from, for people: "WAV, 16-bit signed PCM, 44100 Hz stereo".
    public var sourceDescription: String
    /// SHA-256 of the text it was spoken from, for media the site rendered from text (issue 16); nil otherwise.
    public var textSHA256: String?

    /// Makes a record; the store checks and normalises it on insert.
    public init(
        sha256: String,
        name: String,
        durationSeconds: Double,
        bytes: Int,
        loudnessLUFS: Double? = nil,
        createdAt: Date,
        sourceDescription: String,
        textSHA256: String? = nil
    ) {
        self.sha256 = sha256
        self.name = name
        self.durationSeconds = durationSeconds
        self.bytes = bytes
        self.loudnessLUFS = loudnessLUFS
        self.createdAt = createdAt
        self.sourceDescription = sourceDescription
        self.textSHA256 = textSHA256
    }

    /// Dates are Unix seconds at millisecond resolution (see `StoreTime`).
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        StoreTime.encoding
    }

    /// Dates are Unix seconds at millisecond resolution (see `StoreTime`).
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        StoreTime.decoding
    }

    /// Whether `text` is a full sha256 as the store keys media: 64 hex digits (either case).
    public static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && isHex(text)
    }

    /// Whether `text` is non-empty and made only of hex digits.
    static func isHex(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }

    /// The record as the store keeps it: lowercase sha256, date rounded to the millisecond, a non-finite loudness
    /// as `nil`. Throws when a field breaks a rule, naming the field.
    func validated() throws(StoreError) -> MediaRecord {
        guard Self.isSHA256(sha256) else {
            throw .invalid(what: "media sha256", reason: "'\(sha256)' is not 64 hex digits")
        }
        guard !name.isEmpty, name.trimmingCharacters(in: .whitespacesAndNewlines) == name else {
            throw .invalid(what: "media name", reason: "'\(name)' is empty or starts or ends with blanks")
        }
        guard durationSeconds.isFinite, durationSeconds >= 0 else {
            throw .invalid(what: "media duration", reason: "\(durationSeconds) s is not a non-negative number")
        }
        guard bytes >= 0 else {
            throw .invalid(what: "media size", reason: "\(bytes) bytes is negative")
        }
        var record = self
        if let loudnessLUFS, !loudnessLUFS.isFinite {
            record.loudnessLUFS = nil
        }
        record.sha256 = sha256.lowercased()
        record.createdAt = StoreTime.rounded(createdAt)
        return record
    }
}
