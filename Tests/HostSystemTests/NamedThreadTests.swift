import Foundation
import HostSystem
import Synchronization
import Testing

@Suite("Threads named in the kernel")
struct NamedThreadTests {
    @Test("a NamedThread carries its name in /proc, where top -H and perf read it")
    func nameReachesTheKernel() {
        let seen = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        NamedThread.start("cc-test-named") {
            let comm = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
            seen.withLock { $0 = comm?.trimmingCharacters(in: .newlines) }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(seen.withLock { $0 } == "cc-test-named")
    }
}
