import Foundation
import Testing
@testable import Store

/// Issue 11: the same audio uploaded as "chuong" and then "chuong-2" is stored once; removing "chuong-2" must remove
/// only that name, and the audio goes with its last name, once nothing uses it.
@Suite("Removing media names")
struct MediaNameTests {
    private static let sha = Fixture.sha("0", prefix: "c0ffee12")

    /// A store holding one audio file under "chuong" and the alias "chuong-2".
    private func storeWithTwoNames() throws -> Store {
        let store = try Fixture.store()
        try store.insertMedia(Fixture.media("chuong", sha: Self.sha))
        #expect(try store.insertMedia(Fixture.media("chuong-2", sha: Self.sha)).deduplicated)
        return store
    }

    @Test("removing an alias removes only that name: the audio and its first name stay")
    func aliasGoesAlone() throws {
        let store = try storeWithTwoNames()
        let removal = try store.removeMedia("chuong-2")
        #expect(removal == .name("chuong-2", remaining: try #require(try store.media(sha256: Self.sha))))
        #expect(try store.resolveMedia("chuong").sha256 == Self.sha)
        #expect(throws: StoreError.notFound(what: "media", name: "chuong-2")) { try store.resolveMedia("chuong-2") }
        #expect(try store.mediaNames(sha256: Self.sha) == ["chuong"])
        #expect(try store.mediaTotals().count == 1)
    }

    @Test("removing the file's own name keeps the audio under its alias")
    func ownNameGoesAliasTakesOver() throws {
        let store = try storeWithTwoNames()
        let removal = try store.removeMedia("chuong")
        #expect(removal.record.name == "chuong-2" && removal.record.sha256 == Self.sha)
        #expect(try store.resolveMedia("chuong-2").sha256 == Self.sha)
        #expect(throws: StoreError.notFound(what: "media", name: "chuong")) { try store.resolveMedia("chuong") }
        #expect(try store.mediaNames(sha256: Self.sha) == ["chuong-2"])
        // The freed name can be given to other audio.
        try store.insertMedia(Fixture.media("chuong", sha: Fixture.sha("1")))
    }

    @Test("the last name takes the audio with it")
    func lastNameTakesTheAudio() throws {
        let store = try storeWithTwoNames()
        _ = try store.removeMedia("chuong-2")
        guard case .audio(let record, let names) = try store.removeMedia("chuong") else {
            Issue.record("the audio should have gone with its last name")
            return
        }
        #expect(record.sha256 == Self.sha && names == ["chuong"])
        #expect(try store.media(sha256: Self.sha) == nil)
    }

    @Test("a sha256 or a prefix of it names the audio: it goes with every name")
    func shaTakesEveryName() throws {
        let store = try storeWithTwoNames()
        guard case .audio(_, let names) = try store.removeMedia("c0ffee12") else {
            Issue.record("a sha256 prefix names the audio itself")
            return
        }
        #expect(names == ["chuong", "chuong-2"])
        #expect(try store.listMediaNames().isEmpty)
    }

    @Test("a schedule playing the audio by one name holds that name, but not the other")
    func scheduleHoldsItsName() throws {
        let store = try storeWithTwoNames()
        try store.putSchedule(id: "sang", yaml: "programmes:\n  - id: p\n    media: chuong-2\n")
        #expect(throws: StoreError.inUse(name: "chuong-2", references: ["schedule 'sang'"])) {
            try store.removeMedia("chuong-2")
        }
        #expect(try store.removeMedia("chuong").record.name == "chuong-2")
        #expect(throws: StoreError.inUse(name: "chuong-2", references: ["schedule 'sang'"])) {
            try store.removeMedia(Self.sha)
        }
    }

    @Test("schedule files the daemon reads hold media as the stored schedules do")
    func outsideReferencesHold() throws {
        let store = try storeWithTwoNames()
        let file = MediaReference(label: "schedule:xa/tin-sang", mediaValues: ["chuong"])
        #expect(throws: StoreError.inUse(name: "chuong", references: ["schedule:xa/tin-sang"])) {
            try store.removeMedia("chuong", alsoUsedBy: [file])
        }
        #expect(try store.removeMedia("chuong-2", alsoUsedBy: [file]).record.name == "chuong")
        #expect(throws: StoreError.inUse(name: "chuong", references: ["schedule:xa/tin-sang"])) {
            try store.removeMedia("chuong", alsoUsedBy: [file])
        }
        let byPrefix = MediaReference(label: "schedule:xa/dem", mediaValues: ["C0FFEE12"])
        #expect(throws: StoreError.inUse(name: "chuong", references: ["schedule:xa/dem"])) {
            try store.deleteMedia(sha256: Self.sha, alsoUsedBy: [byPrefix])
        }
    }

    @Test("a pending alert holds the audio, not its names")
    func alertHoldsTheAudio() throws {
        let store = try storeWithTwoNames()
        try store.pushAlert(Fixture.alert("LU-1", sha: Self.sha))
        #expect(try store.removeMedia("chuong-2").record.sha256 == Self.sha)
        #expect(throws: StoreError.inUse(name: "chuong", references: ["alert 'LU-1' (pending)"])) {
            try store.removeMedia("chuong")
        }
    }

    @Test("the list has every name that plays something, aliases too, by name")
    func listHasEveryName() throws {
        let store = try storeWithTwoNames()
        try store.insertMedia(Fixture.media("bao-lu", sha: Fixture.sha("b")))
        let listed = try store.listMediaNames()
        #expect(listed.map(\.name) == ["bao-lu", "chuong", "chuong-2"])
        #expect(listed.map(\.sha256) == [Fixture.sha("b"), Self.sha, Self.sha])
        #expect(listed[2].durationSeconds == listed[1].durationSeconds && listed[2].bytes == listed[1].bytes)
        #expect(try store.listMedia().map(\.name) == ["bao-lu", "chuong"])
    }
}
