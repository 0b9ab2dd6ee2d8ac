import CommuneCastTesting
import ControlProtocol
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Control server: the Unix socket's threads yield to playout")
struct ThreadPolicyTests {
    /// Linux's `SCHED_BATCH`.
    private static let batchPolicy: Int32 = 3

    /// This process's threads named `name`, with their scheduling policy. Other suites' connections come and go
    /// meanwhile: a thread that ended (or whose id was taken by another) between the listing and the query is left out.
    private static func threads(named name: String) -> [(tid: Int32, policy: Int32)] {
        ProcessThreads.named(name).compactMap { tid in
            let policy = sched_getscheduler(tid)
            guard policy >= 0, ProcessThreads.name(of: tid) == name else { return nil }
            return (tid, policy)
        }
    }

    @Test("the accepting thread and each connection's thread run in the batch policy: their wake-ups never preempt")
    func batchPolicy() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect()
            try await socket.send(#"{"method":"io.communecast.Site.GetHealth","parameters":{}}"#)
            _ = try await socket.receive()
            // Other suites' servers may have threads of these names in this process too; all must be batch.
            let connections = Self.threads(named: "control-conn")
            let acceptors = Self.threads(named: "control-accept")
            #expect(!connections.isEmpty && !acceptors.isEmpty)
            for thread in connections + acceptors {
                #expect(thread.policy == Self.batchPolicy, "thread \(thread.tid) runs in policy \(thread.policy)")
            }
        }
    }
}
