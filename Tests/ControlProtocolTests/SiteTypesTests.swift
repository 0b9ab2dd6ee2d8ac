import BroadcastModel
import Testing

@testable import ControlProtocol

@Suite("io.communecast.Site Codable types match the interface description")
struct SiteTypesTests {
    private let site: VarlinkInterface
    private let service: VarlinkInterface

    init() throws {
        site = try VarlinkInterface.parse(SiteInterface.description)
        service = try VarlinkInterface.parse(ServiceInterface.description)
    }

    @Test("there is a typed method for every declared method, in order")
    func methodList() {
        #expect(Site.methods.map { $0.name } == site.methods.map { SiteInterface.name + "." + $0.name })
    }

    @Test("every sample call and reply, with every optional field set, validates against the IDL")
    func samplesValidate() throws {
        let samples = try SiteFixtures.samples()
        #expect(Set(samples.keys) == Set(site.methods.map(\.name)))
        for (method, sample) in samples {
            let parameters = sample.parameters.objectValue ?? [:]
            let call = VarlinkCall(method: SiteInterface.name + "." + method, parameters: parameters)
            #expect(site.validate(call: call) == nil, "\(method) call")
            let reply = sample.reply.objectValue ?? [:]
            #expect(site.validate(replyParameters: reply, method: method) == nil, "\(method) reply")
        }
    }

    @Test("calls with only the required fields validate too")
    func minimalCalls() throws {
        let minimal = [
            try VarlinkCall(Site.Play.self, .init(media: "x")),
            try VarlinkCall(Site.PushAlert.self, .init(id: "a")),
            try VarlinkCall(Site.GetAsRunLog.self, .init()),
            try VarlinkCall(Site.AddSchedule.self, .init(name: "n", yaml: "")),
            try VarlinkCall(Site.Monitor.self, .init(), more: true),
        ]
        for call in minimal {
            #expect(site.validate(call: call) == nil, "\(call.method)")
        }
    }

    @Test("Swift enums list exactly the IDL enum values")
    func enums() {
        func values<Value: CaseIterable & RawRepresentable>(_ type: Value.Type) -> VarlinkType
        where Value.RawValue == String {
            .enumeration(type.allCases.map(\.rawValue))
        }
        #expect(site.type(named: "Level") == values(BroadcastLevel.self))
        #expect(site.type(named: "PlayLevel") == values(Site.PlayLevel.self))
        #expect(site.type(named: "AlertLevel") == values(Site.AlertLevel.self))
        #expect(site.type(named: "PreemptPolicy") == values(PreemptPolicy.self))
        #expect(site.type(named: "AlertStatus") == values(BroadcastStatus.self))
        #expect(site.type(named: "AlertState") == values(AlertState.self))
        #expect(site.type(named: "DeviceState") == values(DeviceState.self))
        #expect(site.type(named: "Outcome") == values(AsRunOutcome.self))
        #expect(site.type(named: "EventKind") == values(Site.EventKind.self))
        #expect(Site.PlayLevel.allCases.map(\.level) == [.normal, .priority])
        #expect(Site.AlertLevel.allCases.map(\.level) == [.priority, .emergency])
    }

    @Test("every io.communecast.Site error value is declared with matching fields")
    func siteErrors() {
        let errors: [VarlinkError] = [
            .notFound(what: "media", name: "bao-so-9"), .conflict(reason: "overlaps sang"),
            .invalidSchedule(problems: ["xa.yaml:4: rrule: BYMONTHDAY=32 is not a day of a month"]),
            .invalidMedia(reason: "starts with bytes 49 44 33"),
            .invalidArgument(parameter: "name", reason: "the media name 'bao cao' contains a space"),
            .inUse(name: "nhac", references: ["schedule:sang"]),
            .alertCancelled(id: "a"), .expired(id: "a"), .tooLarge(limit: 65_536),
            .alertRefused(code: "bad_signature", reason: "signature 2 does not verify"),
            .deviceUnavailable(reason: "hw:1 is gone"), .internal(reason: "disk full"),
        ]
        #expect(errors.map(\.shortName) == site.errors.map(\.name))
        for error in errors {
            #expect(error.interface == SiteInterface.name)
            #expect(site.validate(error: error) == nil, "\(error.name)")
        }
        #expect(site.validate(error: .permissionDenied) == .invalidParameter("error"))
    }

    @Test("every org.varlink.service error value is declared with matching fields")
    func serviceErrors() {
        let errors: [VarlinkError] = [
            .interfaceNotFound("a.b"), .methodNotFound("a.b.C"), .methodNotImplemented("a.b.C"),
            .invalidParameter("media"), .permissionDenied, .expectedMore,
        ]
        #expect(errors.map(\.shortName) == service.errors.map(\.name))
        for error in errors {
            #expect(error.interface == ServiceInterface.name)
            #expect(service.validate(error: error) == nil, "\(error.name)")
        }
    }

    @Test("errors describe themselves for logs")
    func errorDescription() {
        #expect(VarlinkError.inUse(name: "nhac", references: ["schedule:sang"]).description
            == #"io.communecast.Site.InUse {"name":"nhac","references":["schedule:sang"]}"#)
        #expect(VarlinkError.expectedMore.description == "org.varlink.service.ExpectedMore")
    }

    @Test("every reply decodes back from the wire unchanged")
    func replyRoundTrip() throws {
        let reply = try VarlinkReply(Site.GetHealth.self, .init(health: SiteFixtures.health))
        let received = try VarlinkReply(decoding: VarlinkFrameEncoder.frame(reply).dropLast())
        #expect(try received.decodeParameters(for: Site.GetHealth.self).health == SiteFixtures.health)
        #expect(received.parameters["health"]?["media_bytes"] == .integer(1_234_567_890_123))

        let event = try VarlinkReply(Site.Monitor.self, .init(event: SiteFixtures.event), continues: true)
        let streamed = try VarlinkReply(decoding: event.encoded())
        #expect(streamed.continues)
        #expect(streamed.parameters["event"]?["kind"] == "alert_state")
        #expect(try streamed.decodeParameters(for: Site.Monitor.self).event == SiteFixtures.event)
    }
}
