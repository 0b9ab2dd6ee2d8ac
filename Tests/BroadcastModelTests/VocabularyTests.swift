import BroadcastModel
import Testing

/// The shared vocabulary: the order of levels, and the item source's text form both ways.
@Suite("BroadcastModel: levels in order, item sources as text and back")
struct VocabularyTests {
    @Test("normal < priority < emergency")
    func levelOrder() {
        #expect(BroadcastLevel.allCases.sorted() == [.normal, .priority, .emergency])
        #expect(BroadcastLevel.priority < .emergency && !(BroadcastLevel.emergency < .normal))
    }

    @Test("each source survives its text form; ids may hold colons; other text is no source")
    func sourceText() {
        let sources: [ItemSource] = [.alert(id: "bao-so-9"), .play(id: "3f2a"), .schedule(programme: "tin:sang")]
        for source in sources {
            #expect(ItemSource(source.description) == source)
        }
        #expect(ItemSource.alert(id: "lu").description == "alert:lu")
        #expect(ItemSource("schedule:tin:sang")?.programmeID == "tin:sang")
        #expect(ItemSource("alert:lu")?.alertID == "lu" && ItemSource("play:1")?.alertID == nil)
        #expect(ItemSource("item:x") == nil && ItemSource("alert") == nil)
    }
}
