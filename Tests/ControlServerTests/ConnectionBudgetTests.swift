@testable import ControlServer
import Synchronization
import Testing

@Suite("Control server: connection budgets and the refusal tally")
struct ConnectionBudgetTests {
    /// Records which connections the budget closed to make room.
    private final class Closed: Sendable {
        let ids = Mutex<[Int]>([])
        func closer(_ id: Int) -> @Sendable () -> Void { { [self] in ids.withLock { $0.append(id) } } }
    }

    private static func budget(unix: Int = 2, clients: Int = 2, handshakes: Int = 4, perAddress: Int = 2)
        -> ConnectionBudget {
        ConnectionBudget(.init(unix: unix, tlsClients: clients, handshakes: handshakes,
                               handshakesPerAddress: perAddress))
    }

    private static func isAdmitted(_ admission: ConnectionBudget.Admission) -> Bool {
        if case .admitted = admission { return true }
        return false
    }

    @Test("the Unix socket has its own budget, which TLS handshakes do not use")
    func unixBudget() {
        let budget = Self.budget(unix: 2)
        let closed = Closed()
        for id in 1...4 {
            #expect(Self.isAdmitted(budget.admitHandshake(id, address: "10.0.0.\(id)", close: closed.closer(id))))
        }
        #expect(budget.admitUnix(10) == nil)
        #expect(budget.admitUnix(11) == nil)
        #expect(budget.admitUnix(12) == .unixSocketFull(limit: 2))
        budget.release(10)
        #expect(budget.admitUnix(13) == nil)
        #expect(closed.ids.withLock { $0 }.isEmpty)
    }

    @Test("one address holds at most its share of the handshakes; more from it are refused, not others")
    func perAddress() {
        let budget = Self.budget(handshakes: 8, perAddress: 2)
        let closed = Closed()
        #expect(Self.isAdmitted(budget.admitHandshake(1, address: "a", close: closed.closer(1))))
        #expect(Self.isAdmitted(budget.admitHandshake(2, address: "a", close: closed.closer(2))))
        guard case .refused(let reason) = budget.admitHandshake(3, address: "a", close: closed.closer(3)) else {
            Issue.record("a third handshake from one address was admitted")
            return
        }
        #expect(reason == .handshakesFromAddressFull(limit: 2))
        #expect(Self.isAdmitted(budget.admitHandshake(4, address: "b", close: closed.closer(4))))
        budget.release(1)
        #expect(Self.isAdmitted(budget.admitHandshake(5, address: "a", close: closed.closer(5))))
        #expect(closed.ids.withLock { $0 }.isEmpty)
    }

    @Test("when every handshake slot is taken, the oldest handshake makes room for the newcomer")
    func oldestMakesRoom() {
        let budget = Self.budget(handshakes: 3, perAddress: 3)
        let closed = Closed()
        for id in [7, 8, 9] {
            #expect(Self.isAdmitted(budget.admitHandshake(id, address: "x", close: closed.closer(id))))
        }
        guard case .admitted(let evicted?) = budget.admitHandshake(10, address: "y", close: closed.closer(10)) else {
            Issue.record("no handshake made room")
            return
        }
        #expect(evicted.id == 7 && evicted.address == "x")
        evicted.close()
        #expect(closed.ids.withLock { $0 } == [7])
        // The evicted connection's slot is gone already: its later release frees nothing of anyone else's.
        budget.release(7)
        #expect(budget.usage.handshakes == 3)
        // And "x" counts two handshakes again, so it may open a third.
        #expect(Self.isAdmitted(budget.admitHandshake(11, address: "x", close: closed.closer(11))))
    }

    @Test("a completed handshake moves to the clients' budget, which refuses once full")
    func clients() {
        let budget = Self.budget(clients: 1, handshakes: 4, perAddress: 4)
        let closed = Closed()
        for id in 1...3 {
            #expect(Self.isAdmitted(budget.admitHandshake(id, address: "a", close: closed.closer(id))))
        }
        #expect(budget.completeHandshake(1) == nil)
        #expect(budget.completeHandshake(2) == .tlsClientsFull(limit: 1))
        #expect(budget.usage == (unix: 0, tlsClients: 1, handshakes: 1))
        budget.release(1)
        #expect(budget.completeHandshake(3) == nil)
    }

    @Test("a flood of refusals is one full line, then one count per interval until an interval passes quiet")
    func tally() {
        var tally = RefusalTally()
        let first = tally.record(.unixSocketFull(limit: 1))
        #expect(first)
        var logged = 0
        for _ in 0..<500 where tally.record(.handshakesFromAddressFull(limit: 8)) { logged += 1 }
        #expect(logged == 0)
        let again = tally.record(.unixSocketFull(limit: 1))
        #expect(!again)
        let counts = tally.endInterval()
        #expect(counts == [.handshakesFromAddressFull(limit: 8): 500, .unixSocketFull(limit: 1): 1])
        #expect(tally.isCounting)
        let during = tally.record(.tlsClientsFull(limit: 64))
        #expect(!during)
        let second = tally.endInterval()
        #expect(second == [.tlsClientsFull(limit: 64): 1])
        let quiet = tally.endInterval()
        #expect(quiet == nil)
        #expect(!tally.isCounting)
        let afterQuiet = tally.record(.tlsClientsFull(limit: 64))
        #expect(afterQuiet, "after a quiet interval, a refusal is logged in full again")
    }
}
