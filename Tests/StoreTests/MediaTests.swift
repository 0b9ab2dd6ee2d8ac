import Foundation
import Testing
@testable import Store

/// The media library: dedupe by sha256, unique names, resolution and guarded deletion.
@Suite("Media library")
struct MediaTests {
    @Test("inserted media is found by exact name and by sha256")
    func insertThenLookUpByNameAndSHA() throws {
        let store = try Fixture.store()
        let record = Fixture.media("ban-tin-sang", sha: Fixture.sha("a"))
        let (stored, deduplicated) = try store.insertMedia(record)
        #expect(!deduplicated)
        #expect(stored == record)
        #expect(try store.media(named: "ban-tin-sang") == record)
        #expect(try store.media(sha256: Fixture.sha("a")) == record)
        #expect(try store.media(named: "Ban-Tin-Sang") == nil)
    }

    @Test("an uppercase sha256 is stored lowercase")
    func uppercaseSHAIsStoredLowercase() throws {
        let store = try Fixture.store()
        let (stored, _) = try store.insertMedia(Fixture.media("nhac", sha: Fixture.sha("B")))
        #expect(stored.sha256 == Fixture.sha("b"))
        #expect(try store.media(sha256: Fixture.sha("B"))?.name == "nhac")
    }

    @Test("the same audio imported twice is deduplicated by sha256")
    func sameAudioTwiceIsDeduplicated() throws {
        let store = try Fixture.store()
        let first = try store.insertMedia(Fixture.media("ban-tin", sha: Fixture.sha("a"))).record
        let again = try store.insertMedia(Fixture.media("ban-tin-copy", sha: Fixture.sha("a")))
        #expect(again.deduplicated)
        #expect(again.record == first)
        #expect(try store.listMedia().map(\.name) == ["ban-tin"])
    }

    @Test("a second name for known audio is an alias: it resolves, it is taken, and it goes with the audio")
    func aliases() throws {
        let store = try Fixture.store()
        let first = try store.insertMedia(Fixture.media("lu-3fa2c1d0", sha: Fixture.sha("a"))).record
        #expect(try store.insertMedia(Fixture.media("lu", sha: Fixture.sha("a"))).deduplicated)
        #expect(try store.resolveMedia("lu") == first)
        #expect(try store.media(named: "lu") == first)
        #expect(try store.mediaNames(sha256: Fixture.sha("a")) == ["lu-3fa2c1d0", "lu"])
        #expect(throws: StoreError.nameTaken(name: "lu", existingSHA256: Fixture.sha("a"))) {
            try store.insertMedia(Fixture.media("lu", sha: Fixture.sha("b")))
        }
        try store.putSchedule(id: "xa", yaml: "programmes:\n  - {id: tin, media: lu, days: [mon], at: [\"05:30\"]}\n")
        #expect(throws: StoreError.inUse(name: "lu-3fa2c1d0", references: ["schedule 'xa'"])) {
            try store.deleteMedia(sha256: Fixture.sha("a"))
        }
        try store.deleteSchedule(id: "xa")
        try store.deleteMedia(sha256: Fixture.sha("a"))
        #expect(try store.media(named: "lu") == nil)
        #expect(try store.insertMedia(Fixture.media("lu", sha: Fixture.sha("b"))).deduplicated == false)
    }

    @Test("a name used by other audio is taken; names are case-sensitive")
    func nameOfOtherAudioIsTaken() throws {
        let store = try Fixture.store()
        try store.insertMedia(Fixture.media("ban-tin", sha: Fixture.sha("a")))
        #expect(throws: StoreError.nameTaken(name: "ban-tin", existingSHA256: Fixture.sha("a"))) {
            try store.insertMedia(Fixture.media("ban-tin", sha: Fixture.sha("b")))
        }
        #expect(try store.insertMedia(Fixture.media("Ban-Tin", sha: Fixture.sha("b"))).deduplicated == false)
    }

    @Test(
        "a malformed sha256 is refused",
        arguments: ["not-a-hash", String(repeating: "g", count: 64), String(repeating: "a", count: 63)]
    )
    func badSHAIsRefused(sha: String) throws {
        let store = try Fixture.store()
        #expect(throws: StoreError.self) {
            try store.insertMedia(Fixture.media("x", sha: sha))
        }
    }

    @Test("the −∞ LUFS of silence is kept as nil")
    func silenceLoudnessIsKeptAsNil() throws {
        let store = try Fixture.store()
        var record = Fixture.media("im-lang", sha: Fixture.sha("c"))
        record.loudnessLUFS = -.infinity
        #expect(try store.insertMedia(record).record.loudnessLUFS == nil)
    }

    @Test("media is listed by name and the totals add up")
    func listIsByNameAndTotalsAddUp() throws {
        let store = try Fixture.store()
        #expect(try store.mediaTotals() == (0, 0))
        try store.insertMedia(Fixture.media("zeta", sha: Fixture.sha("a"), bytes: 100))
        try store.insertMedia(Fixture.media("alpha", sha: Fixture.sha("b"), bytes: 250))
        #expect(try store.listMedia().map(\.name) == ["alpha", "zeta"])
        #expect(try store.mediaTotals() == (2, 350))
    }

    @Test("resolution takes a full sha256, a name, or a unique prefix")
    func resolveByFullSHANameAndUniquePrefix() throws {
        let store = try Fixture.store()
        try store.insertMedia(Fixture.media("ban-tin", sha: Fixture.sha("0", prefix: "abcdef12")))
        try store.insertMedia(Fixture.media("nhac", sha: Fixture.sha("1", prefix: "abcdef34")))
        try store.insertMedia(Fixture.media("deadbeef", sha: Fixture.sha("2")))

        #expect(try store.resolveMedia(Fixture.sha("0", prefix: "ABCDEF12")).name == "ban-tin")
        #expect(try store.resolveMedia("nhac").name == "nhac")
        #expect(try store.resolveMedia("abcdef12").name == "ban-tin")
        #expect(try store.resolveMedia("ABCDEF34").name == "nhac")
        #expect(try store.resolveMedia("deadbeef").sha256 == Fixture.sha("2"))
    }

    @Test("resolution refuses short prefixes and unknown names")
    func resolveRefusesShortAndUnknown() throws {
        let store = try Fixture.store()
        try store.insertMedia(Fixture.media("ban-tin", sha: Fixture.sha("0", prefix: "abcdef12")))
        try store.insertMedia(Fixture.media("nhac", sha: Fixture.sha("1", prefix: "abcdef34")))

        #expect(throws: StoreError.notFound(what: "media", name: "abcdef1")) {
            try store.resolveMedia("abcdef1")
        }
        #expect(throws: StoreError.notFound(what: "media", name: "khong-co")) {
            try store.resolveMedia("khong-co")
        }
        #expect(throws: StoreError.notFound(what: "media", name: Fixture.sha("f"))) {
            try store.resolveMedia(Fixture.sha("f"))
        }
    }

    @Test("resolution refuses a prefix that matches two files")
    func resolveRefusesAnAmbiguousPrefix() throws {
        let store = try Fixture.store()
        try store.insertMedia(Fixture.media("mot", sha: Fixture.sha("1", prefix: "abcdef12")))
        try store.insertMedia(Fixture.media("hai", sha: Fixture.sha("2", prefix: "abcdef12")))
        let expected = StoreError.ambiguous(
            prefix: "abcdef12",
            matches: [Fixture.sha("1", prefix: "abcdef12"), Fixture.sha("2", prefix: "abcdef12")]
        )
        #expect(throws: expected) {
            try store.resolveMedia("abcdef12")
        }
        #expect(try store.resolveMedia("abcdef122").name == "hai")
    }
}
