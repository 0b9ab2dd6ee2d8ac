import CommuneCastTesting
import Foundation
import Testing
import Uplink

#if canImport(Glibc)
import Glibc
#endif

/// An unresolvable broker name and a broker that refuses our certificate: the uplink keeps trying, each attempt
/// after a wait, and its thread sleeps in between (its CPU time is measured from /proc).
@Suite("Retrying without spinning")
struct RetryWithoutSpinningTests {
    /// Waits of 0.2 to 1 s: enough attempts in a few seconds to show a spin if there were one.
    static let policy = ReconnectPolicy(initialCeiling: .milliseconds(500), maximumCeiling: .seconds(1),
                                        minimumDelay: .milliseconds(200), stableAfter: .seconds(60))

    @Test("An unresolvable broker name is retried, with the thread asleep between attempts")
    func unresolvableName() async throws {
        let pki = try TestPKI.shared()
        let recorder = try UplinkRecorder.site(
            "xa-an-phu", brokers: [BrokerEndpoint(host: "broker.communecast.invalid", port: 8883)], pki: pki,
            policy: Self.policy)
        try await Self.expectRetriesWithoutSpinning(recorder) { failure in
            if case .nameNotResolved(let host) = failure { return host == "broker.communecast.invalid" }
            return false
        }
    }

    @Test("A broker that refuses our certificate is retried, with the thread asleep between attempts")
    func tlsRefusal() async throws {
        let broker = try TestBroker()
        defer { broker.remove() }
        let recorder = try UplinkRecorder.site("xa-an-phu", brokers: [BrokerEndpoint(broker)], pki: broker.pki,
                                               certificate: "other/xa-an-phu-uplink", policy: Self.policy)
        try await Self.expectRetriesWithoutSpinning(recorder) { $0.isRefusalOfOurCertificate }
    }

    /// Measures the loop thread's CPU time from its first failure until six more attempts have failed: every
    /// failure must match `expected`, every wait must respect the policy's minimum, and the thread must have used
    /// well under a tenth of the elapsed time.
    static func expectRetriesWithoutSpinning(_ recorder: UplinkRecorder,
                                             expected: @escaping (UplinkFailure) -> Bool) async throws {
        #expect(try await recorder.wait { !$0.failures.isEmpty })
        let thread = try #require(recorder.client.threadID)
        let firstCount = recorder.failures.count
        let cpuBefore = try #require(threadCPUSeconds(thread))
        let started = ContinuousClock.now
        #expect(try await recorder.wait { $0.failures.count >= firstCount + 6 })
        let cpuAfter = try #require(threadCPUSeconds(thread))
        let elapsed = ContinuousClock.now - started
        await recorder.stop()
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let cpu = cpuAfter - cpuBefore
        #expect(recorder.connections.isEmpty)
        #expect(recorder.failures.allSatisfy(expected), "\(recorder.failures)")
        #expect(recorder.retryWaits.allSatisfy { $0 >= policy.minimumDelay }, "\(recorder.retryWaits)")
        // Six waits of at least 0.2 s each.
        #expect(wall >= 1.2, "six attempts in \(wall) s")
        #expect(cpu < wall * 0.1, "the uplink's thread used \(cpu) s of CPU in \(wall) s")
        print("uplink thread CPU while retrying: \(cpu) s over \(wall) s (\(recorder.failures.count) attempts)")
    }

    /// User plus system CPU seconds of thread `id` of this process, from `/proc/self/task/ID/stat`.
    static func threadCPUSeconds(_ id: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/task/\(id)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command's closing parenthesis: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
