import BroadcastModel
import Foundation
import Testing
@testable import Store

/// Schedules kept as YAML text, and the settings table.
@Suite("Schedules and settings")
struct ScheduleAndSettingTests {
    @Test("schedules are added, replaced (keeping addedAt), listed and deleted")
    func putReplaceListAndDeleteSchedules() throws {
        let later = Fixture.epoch.addingTimeInterval(3600)
        let clock = ManualClock(Fixture.epoch)
        let store = try Store.inMemory(clock: clock)
        let (added, replacedFirst) = try store.putSchedule(id: "sang", yaml: "programmes: []\n")
        #expect(!replacedFirst)
        #expect(added == ScheduleRecord(id: "sang", yaml: "programmes: []\n", addedAt: Fixture.epoch,
                                        updatedAt: Fixture.epoch))
        try store.putSchedule(id: "chieu", yaml: "programmes: []\n")

        clock.set(later)
        let (replaced, wasReplaced) = try store.putSchedule(id: "sang", yaml: "programmes: [x]\n")
        #expect(wasReplaced)
        #expect(replaced.addedAt == Fixture.epoch)
        #expect(replaced.updatedAt == later)
        #expect(try store.schedule(id: "sang") == replaced)
        #expect(try store.listSchedules().map(\.id) == ["chieu", "sang"])

        #expect(try store.deleteSchedule(id: "sang") == replaced)
        #expect(try store.schedule(id: "sang") == nil)
        #expect(throws: StoreError.notFound(what: "schedule", name: "sang")) {
            try store.deleteSchedule(id: "sang")
        }
    }

    @Test("an empty id or YAML text is refused")
    func emptyScheduleIsRefused() throws {
        let store = try Fixture.store()
        #expect(throws: StoreError.self) { try store.putSchedule(id: "", yaml: "x: 1") }
        #expect(throws: StoreError.self) { try store.putSchedule(id: "sang", yaml: " \n") }
    }

    @Test("the volume setting round-trips exactly and can be cleared")
    func volumeRoundTrip() throws {
        let store = try Fixture.store()
        #expect(try store.volumeDB() == nil)
        try store.setVolumeDB(-6.5)
        #expect(try store.volumeDB() == -6.5)
        try store.setVolumeDB(0.1 + 0.2)
        #expect(try store.volumeDB() == 0.1 + 0.2)
        try store.setVolumeDB(nil)
        #expect(try store.volumeDB() == nil)
        #expect(throws: StoreError.self) { try store.setVolumeDB(.nan) }
    }

    @Test("a hand-edited volume that is not a number is reported")
    func handEditedVolumeIsReported() throws {
        let store = try Fixture.store()
        try store.setSetting("volume_db", to: "loud")
        #expect(throws: StoreError.invalid(what: "setting 'volume_db'",
                                           reason: "stored value 'loud' is not a number; set the volume again")) {
            try store.volumeDB()
        }
        #expect(try store.setting("volume_db") == "loud")
    }

    @Test("several settings are written together, and nil removes one")
    func settingsTogether() throws {
        let store = try Fixture.store()
        try store.setSettings([("a", "1"), ("b", "2")])
        #expect(try store.setting("a") == "1" && store.setting("b") == "2")
        try store.setSettings([("a", nil), ("b", "3"), ("c", "4")])
        #expect(try store.setting("a") == nil)
        #expect(try store.setting("b") == "3" && store.setting("c") == "4")
    }
}
