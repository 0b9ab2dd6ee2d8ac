import BroadcastModel
import Foundation
import Testing

@testable import ControlProtocol

/// A reply from a site newer than this build: values it does not know in every kind of closed list, and fields it
/// does not know at every level. docs/protocol.md ("Compatibility between versions") says both must decode.
@Suite("An older client reads a newer site's replies: unknown values are kept as text, unknown fields ignored")
struct ToleranceTests {
    /// The reply of a site two versions ahead, as the wire carries it.
    static let newerAsRun = """
        {"parameters":{"entries":[{"id":7,"planned":null,"started":"2026-12-01T05:30:00+07:00",
         "ended":"2026-12-01T05:31:00+07:00","level":"critical","media":"ban-tin","source":"relay:vov1",
         "outcome":"rebroadcast","reason":"relayed","status":"drill","programme":null,
         "relay":{"mount":"/vov1","jitter_ms":40},"confidence":0.5}],"next_cursor":"abc"}}
        """

    @Test("an as-run entry with an unknown outcome, level and status, and unknown fields, decodes")
    func asRunEntry() throws {
        let reply = try VarlinkReply(decoding: Array(Self.newerAsRun.utf8))
        let entries = try reply.decodeParameters(for: Site.GetAsRunLog.self).entries
        let entry = try #require(entries.first)
        #expect(entry.outcome == .unknown("rebroadcast"))
        #expect(entry.outcome.rawValue == "rebroadcast" && entry.outcome.known == nil)
        #expect(entry.level.rawValue == "critical" && entry.level.known == nil)
        #expect(entry.status?.rawValue == "drill")
        #expect(entry.source == "relay:vov1" && entry.media == "ban-tin")
        // Known values still come out as known ones, and compare with the plain enum.
        let known = try Site.AsRunEntry.decode(#"{"id":1,"level":"normal","source":"play:1","outcome":"aired"}"#)
        #expect(known.outcome == .aired && known.outcome.known == .aired && known.level == .normal)
        #expect(known.outcome != .failed)
    }

    @Test("what a client re-encodes (--json) carries the unknown text unchanged")
    func roundTrip() throws {
        let reply = try VarlinkReply(decoding: Array(Self.newerAsRun.utf8))
        let decoded = try reply.decodeParameters(for: Site.GetAsRunLog.self)
        let again = try VarlinkReply(Site.GetAsRunLog.self, decoded)
        let entry = again.parameters["entries"]?.arrayValue?.first
        #expect(entry?["outcome"] == "rebroadcast")
        #expect(entry?["level"] == "critical")
        #expect(entry?["status"] == "drill")
        #expect(try again.decodeParameters(for: Site.GetAsRunLog.self) == decoded)
    }

    @Test("health, events and alerts with unknown states, kinds and fields decode")
    func otherTypes() throws {
        let health = try JSONValue(encoding: SiteFixtures.health)
            .setting(["device", "state"], to: "sleeping")
            .setting(["queue", "0", "level"], to: "critical")
            .setting(["last_alert", "outcome"], to: "superseded")
            .setting(["uplink"], to: ["broker": "mqtts://province", "connected": true])
        let decoded = try JSONValue.object(["health": health]).decode(as: Site.GetHealth.Reply.self).health
        #expect(decoded.device.state.rawValue == "sleeping" && decoded.device.state != .ok)
        #expect(decoded.queue.first?.level.rawValue == "critical")
        #expect(decoded.lastAlert?.outcome.rawValue == "superseded")

        let event = try JSONValue(encoding: SiteFixtures.event).setting(["kind"], to: "stream_stall")
            .setting(["alert_state"], to: "superseded").setting(["stream"], to: "icecast:/vov1")
        let streamed = try JSONValue.object(["event": event]).decode(as: Site.Monitor.Reply.self).event
        #expect(streamed.kind.rawValue == "stream_stall" && streamed.alertState?.rawValue == "superseded")

        let alert = try JSONValue(encoding: SiteFixtures.alert).setting(["state"], to: "held")
            .setting(["level"], to: "critical").setting(["status"], to: "drill").setting(["signers"], to: ["a", "b"])
        let alerts = try JSONValue.object(["alerts": [alert]]).decode(as: Site.ListAlerts.Reply.self).alerts
        #expect(alerts.map(\.state.rawValue) == ["held"])
        #expect(alerts.first.map { "\($0.level) \($0.status)" } == "critical drill")
    }

    @Test("a reply without the optional fields this build added still decodes (an older site)")
    func olderSite() throws {
        let health = try JSONValue(encoding: SiteFixtures.health).setting(["schedule_warnings"], to: nil)
        let decoded = try JSONValue.object(["health": health]).decode(as: Site.GetHealth.Reply.self).health
        #expect(decoded.scheduleWarnings == nil)
        let relaying = try JSONValue(encoding: SiteFixtures.health)
            .setting(["now_playing", "stream", "rate_adjustment_ppm"], to: nil)
            .setting(["now_playing", "stream", "underrun_s"], to: nil)
        let stream = try JSONValue.object(["health": relaying]).decode(as: Site.GetHealth.Reply.self)
            .health.nowPlaying?.stream
        #expect(stream?.bufferS == 0.28 && stream?.switches == 2)
        #expect(stream?.rateAdjustmentPPM == nil && stream?.underrunS == nil)
        let reload = try JSONValue.object(["schedules": [], "problems": []])
            .decode(as: Site.ReloadSchedules.Reply.self)
        #expect(reload.warnings == nil && reload.problems.isEmpty)
    }

    @Test("tolerance is for values, not for types: a number where a value's text belongs is still an error")
    func wrongTypeStillFails() throws {
        #expect(throws: DecodingError.self) {
            try Site.AsRunEntry.decode(#"{"id":1,"level":"normal","source":"play:1","outcome":3}"#)
        }
        #expect(throws: DecodingError.self) {
            try Site.AsRunEntry.decode(#"{"id":1,"level":"normal","source":"play:1"}"#)
        }
    }

    @Test("every closed list is tolerant wherever a reply carries it")
    func everyReplyEnumIsTolerant() throws {
        // Every enum value in every sample reply (all optional fields set) becomes one no build knows.
        var replaced = 0
        for (method, sample) in try SiteFixtures.samples() {
            let reply = Self.replacingEnums(in: sample.reply)
            replaced += "\(reply)".components(separatedBy: "from-the-future").count - 1
            let typed = try #require(Site.methods.first { $0.name.hasSuffix(".\(method)") })
            #expect(throws: Never.self, "\(method)") { try Self.decodeReply(typed, reply) }
        }
        #expect(replaced > 20, "the samples carry enum values in every reply type")
    }

    /// The sample with every string that is a value of some enum of the interface replaced by `from-the-future`.
    private static func replacingEnums(in value: JSONValue) -> JSONValue {
        let values = Set(BroadcastLevel.allCases.map(\.rawValue) + AlertState.allCases.map(\.rawValue)
            + BroadcastStatus.allCases.map(\.rawValue) + AsRunOutcome.allCases.map(\.rawValue)
            + Site.EventKind.allCases.map(\.rawValue) + DeviceState.allCases.map(\.rawValue)
            + PreemptPolicy.allCases.map(\.rawValue))
        let enumKeys: Set<String> = ["level", "status", "state", "outcome", "kind", "alert_state", "device_state",
                                     "on_preempt"]
        switch value {
        case .object(let members):
            return .object(members.reduce(into: [:]) { result, member in
                if enumKeys.contains(member.key), case .string(let text) = member.value, values.contains(text) {
                    result[member.key] = "from-the-future"
                } else {
                    result[member.key] = replacingEnums(in: member.value)
                }
            })
        case .array(let elements):
            return .array(elements.map(replacingEnums))
        default:
            return value
        }
    }

    private static func decodeReply<Method: VarlinkMethod>(_ method: Method.Type, _ reply: JSONValue) throws {
        _ = try reply.decode(as: Method.Reply.self)
    }
}

extension JSONValue {
    /// A copy with the member at `path` (object keys, or array indexes as digits) set, or removed with `nil`.
    fileprivate func setting(_ path: [String], to newValue: JSONValue?) -> JSONValue {
        guard let first = path.first else { return newValue ?? .null }
        let rest = Array(path.dropFirst())
        switch self {
        case .object(var members):
            members[first] = rest.isEmpty ? newValue : members[first]?.setting(rest, to: newValue)
            return .object(members)
        case .array(var elements):
            guard let index = Int(first), elements.indices.contains(index) else { return self }
            elements[index] = elements[index].setting(rest, to: newValue)
            return .array(elements)
        default:
            return self
        }
    }
}

extension Site.AsRunEntry {
    /// Decodes one entry from JSON text.
    fileprivate static func decode(_ text: String) throws -> Site.AsRunEntry {
        try JSONParser().parse(Array(text.utf8)).decode(as: Site.AsRunEntry.self)
    }
}
