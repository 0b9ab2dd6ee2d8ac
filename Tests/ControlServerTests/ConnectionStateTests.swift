@testable import ControlServer
import NIOCore
import Testing

@Suite("Control server: whose turn a connection's clocks blame")
struct ConnectionStateTests {
    @Test("a whole message waiting for the serving task holds off the idle and arrival clocks until it is answered")
    func messageWithServer() {
        let state = ConnectionState()
        #expect(state.idleSince != nil)
        state.messageEnded()
        state.messagePassedOn()
        #expect(state.idleSince == nil, "the task has not yet taken the message: the server's delay")
        state.messageStarted()
        #expect(state.messageArrivingSince == nil, "a message arriving behind it is not on the client's clock yet")
        let before = NIODeadline.now()
        state.messageAnswered()
        #expect(state.idleSince == nil, "a message is arriving")
        #expect(state.messageArrivingSince.map { $0 >= before } == true, "its clock starts when the turn ends")
        state.messageEnded()
        #expect(state.idleSince.map { $0 >= before } == true)
    }

    @Test("two messages passed on end the server's turn only when both are answered")
    func twoMessages() {
        let state = ConnectionState()
        state.messagePassedOn()
        state.messagePassedOn()
        state.messageAnswered()
        #expect(state.idleSince == nil)
        state.messageAnswered()
        #expect(state.idleSince != nil)
    }
}
