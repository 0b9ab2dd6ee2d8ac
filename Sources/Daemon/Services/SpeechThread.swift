import Foundation
import HostSystem

/// Names of the threads the daemon starts for a single piece of work.
enum ThreadNames {
    /// The thread that loads schedules or handles a call that may render text to speech (issue 16).
    static let speech = "cc-speech"
}

/// Runs `work` on a thread of its own and hands back its result: for work that may synthesise and encode speech,
/// which takes about a second a minute of audio and must stay off the control server's event loop and the
/// cooperative pool. espeak-ng calls are serialised by `SpeechEngine` whatever thread they come from.
func resultOnDedicatedThread<T: Sendable>(
    _ name: String, _ work: @escaping @Sendable () throws -> T
) async throws -> T {
    let result: Result<T, any Error> = await withCheckedContinuation { continuation in
        NamedThread.start(name) {
            continuation.resume(returning: Result { try work() })
        }
    }
    return try result.get()
}
