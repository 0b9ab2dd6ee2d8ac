import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// Starts the Unix socket's threads: the accepting thread and one per connection, which block in system calls and
/// so must never run on the Swift concurrency pool or an event loop. They run in Linux's batch policy
/// (`yieldOnWakeUp`).
enum DedicatedThread {
    /// Room for the server's own code; handlers run on the concurrency pool, not here.
    private static let stackBytes = 512 * 1024
    /// Linux's `SCHED_BATCH`, which `<sched.h>` defines only under `_GNU_SOURCE`.
    static let batchPolicy: Int32 = 3

    /// Carries the body across `pthread_create`.
    private final class Body {
        let name: String
        let run: () -> Void

        init(name: String, run: @escaping () -> Void) {
            self.name = name
            self.run = run
        }
    }

    /// Runs `body` on a new detached thread named `name` (at most 15 bytes, as Linux keeps them); throws if the
    /// system has no thread to spare.
    static func start(name: String, _ body: @escaping @Sendable () -> Void) throws(ControlServerError) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, stackBytes)
        let context = Unmanaged.passRetained(Body(name: name, run: body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { raw in
            let body = Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue()
            // The policy first: a thread that bears its name already runs in it.
            DedicatedThread.yieldOnWakeUp()
            NamedThread.nameCurrentThread(body.name)
            body.run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            throw .threadUnavailable(reason: SystemErrorText.text(for: status))
        }
    }

    /// Puts the calling thread in Linux's batch policy: the same share of the CPU at the same nice value, but its
    /// wake-up never preempts the thread running on its CPU. A control call then waits until that thread blocks or
    /// its slice ends, a few milliseconds at most, instead of cutting in: control traffic never preempts playout, and
    /// a client polling in a request-reply loop on the same CPU is not switched away from a third time per call
    /// (2.0 context switches per call instead of 3.0–3.4, BENCHMARKS.md issue 11). Best effort: a system that
    /// refuses it leaves the thread as it was.
    private static func yieldOnWakeUp() {
        var parameters = sched_param()
        parameters.sched_priority = 0
        _ = sched_setscheduler(0, batchPolicy, &parameters)
    }

    /// Runs `body` on a new thread and returns once it has returned.
    static func run(name: String, _ body: @escaping @Sendable () -> Void) async throws(ControlServerError) {
        let started: Result<Void, ControlServerError> = await withCheckedContinuation { continuation in
            do throws(ControlServerError) {
                try start(name: name) {
                    body()
                    continuation.resume(returning: .success(()))
                }
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }
        try started.get()
    }
}
