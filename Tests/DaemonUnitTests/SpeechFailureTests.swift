@testable import Daemon
import Speech
import Testing

/// Who a speech failure is put on when a site is asked to speak text (a text programme, a text alert).
@Suite("Speech failures: the caller's words or the site's own espeak-ng")
struct SpeechFailureTests {
    @Test("words that cannot be spoken are an invalid 'text'; espeak-ng missing on the site is the site's error")
    func blame() {
        let words = MediaLibrary.speechFailure(SpeechError.emptyText(source: "alert x"))
        guard case let .invalidParameter(name, reason) = words else {
            Issue.record("empty text became \(words)")
            return
        }
        #expect(name == "text")
        #expect(reason.contains("is empty"))

        let missing = SpeechError.engineUnavailable(reason: "libespeak-ng.so.1: cannot open shared object file")
        guard case let .internalError(reason) = MediaLibrary.speechFailure(missing) else {
            Issue.record("a missing espeak-ng became \(MediaLibrary.speechFailure(missing))")
            return
        }
        #expect(reason.contains("apt install libespeak-ng1"), "\(reason)")
    }
}
