import AlertTrust
import BroadcastModel
@testable import CAPIntake
import CommuneCastTesting
import ControlProtocol
import Foundation
import Testing

/// The mapping of issue 17 on messages of our own: level, risk level, language, area, expiry, scope, status,
/// content, and the ledger's order rules (a cancel before its alert, updates out of order, equivocation).
@Suite("CAP intake: the mapping policy")
struct CAPMappingTests {
    private let sent = Date(timeIntervalSince1970: 1_795_420_800)
    private let sites = [
        CAPSite(name: "an-phu", location: GeoPoint(latitude: 10.81, longitude: 105.09),
                geocodes: ["VN:MaXa": ["30292"]]),
        CAPSite(name: "chau-doc", location: GeoPoint(latitude: 10.70, longitude: 105.12)),
        CAPSite(name: "tan-chau", geocodes: ["VN:MaXa": ["30301"]]),
    ]

    private func policy(_ change: (inout CAPPolicy) -> Void = { _ in }) -> CAPPolicy {
        var policy = CAPPolicy()
        policy.otherSenders = CAPPolicy.Sender(signatureRequired: false)
        change(&policy)
        return policy
    }

    private func message(_ text: String, _ policy: CAPPolicy) throws -> CAPMessage {
        try CAPMessage(bytes: Array(text.utf8), policy: policy, now: sent)
    }

    private func map(_ text: String, policy: CAPPolicy? = nil, ledger: CAPLedger? = nil,
                     overrides: CAPOverrides = CAPOverrides(), at now: Date? = nil) throws -> CAPMapping {
        let policy = policy ?? self.policy()
        return CAPMapper(policy: policy, sites: sites, ledger: ledger, now: now ?? sent)
            .map(try message(text, policy), overrides: overrides)
    }

    @Test("severity × urgency × certainty → level, as cell broadcast and WEA map them", arguments: [
        (CAPSeverity.extreme, CAPUrgency.immediate, CAPCertainty.observed, BroadcastLevel.emergency),
        (.extreme, .immediate, .likely, .emergency),
        (.extreme, .immediate, .possible, .normal),
        (.extreme, .expected, .likely, .priority),
        (.severe, .immediate, .observed, .priority),
        (.severe, .expected, .likely, .priority),
        (.severe, .future, .likely, .normal),
        (.moderate, .immediate, .observed, .normal),
        (.unknown, .unknown, .unknown, .normal),
    ])
    func levels(_ severity: CAPSeverity, _ urgency: CAPUrgency, _ certainty: CAPCertainty, _ level: BroadcastLevel) {
        #expect(CAPMapper.level(urgency: urgency, severity: severity, certainty: certainty) == level)
    }

    @Test("an actual extreme warning inside the area becomes an emergency draft for the sites inside only")
    func emergencyDraft() throws {
        let mapping = try map(OwnMessages.message(sent: sent, body: OwnMessages.info(sent: sent)))
        #expect(mapping.disposition == .draft)
        #expect(mapping.level == .emergency && mapping.status == .actual && mapping.messageType == .alert)
        #expect(mapping.audience?.sites == ["an-phu"], "chau-doc lies south of the polygon")
        #expect(mapping.text == "Cảnh báo lũ quét tại An Phú. Nước sông Hậu dâng nhanh. Di chuyển lên vùng cao ngay.")
        #expect(mapping.airing == CAPPolicy.Airing(repeatCount: 3, intervalSeconds: 600, tone: true))
        #expect(mapping.payloadID == "cap:kttv@angiang.example,kttv-1")
        let payload = try #require(mapping.payload(issuer: "So TT-TT An Giang", source: AlertSource(
            sender: "s", identifier: "i", sent: "t", sha256: String(repeating: "a", count: 64)), sent: sent,
            content: AlertContent(tone: true, text: mapping.text)))
        let parsed = try AlertPayload(parsing: payload.jsonBytes)
        #expect(parsed.source?.identifier == "i" && parsed.audience.sites == ["an-phu"])
    }

    @Test("a circle and configured geocodes select sites; an unconfigured geocode does not")
    func circleAndGeocodes() throws {
        let area = """
                <area><areaDesc>Châu Đốc</areaDesc><circle>10.70,105.12 2</circle>\
            <geocode><valueName>VN:MaXa</valueName><value>30301</value></geocode></area>
            """
        let text = OwnMessages.message(sent: sent, body: OwnMessages.info(sent: sent, area: area))
        let without = try map(text)
        #expect(without.audience?.sites == ["chau-doc"])
        let with = try map(text, policy: policy { $0.geocodeNames = ["VN:MaXa"] })
        #expect(with.audience?.sites == ["chau-doc", "tan-chau"])
    }

    @Test("the disaster-risk level parameter wins when configured")
    func riskLevel() throws {
        let parameter = "    <parameter><valueName>VN:CapDoRuiRo</valueName><value>4</value></parameter>\n"
        let text = OwnMessages.message(sent: sent, body: OwnMessages.info(sent: sent, urgency: "Future",
                                                                          severity: "Minor", extra: parameter))
        #expect(try map(text).disposition.name == "hold", "Minor, Future: normal, held")
        let mapping = try map(text, policy: policy { $0.riskLevelParameter = "VN:CapDoRuiRo" })
        #expect(mapping.level == .emergency)
        #expect(mapping.rules.contains { $0.contains("disaster-risk level 4") })
    }

    @Test("language: vi-VN, then vi, then the fallback, then the first; other text is held for a person")
    func languages() throws {
        func infos(_ languages: [String]) -> String {
            languages.map { OwnMessages.info(sent: sent, language: $0) }.joined()
        }
        func chosen(_ languages: [String]) throws -> CAPMapping {
            try map(OwnMessages.message(sent: sent, body: infos(languages)))
        }
        #expect(try chosen(["en-US", "vi", "vi-VN"]).info?.path == "alert/info[3]")
        #expect(try chosen(["en-US", "vi", "fr"]).info?.path == "alert/info[2]")
        let fallback = try chosen(["fr", "en-US"])
        #expect(fallback.info?.path == "alert/info[2]" && fallback.disposition.name == "hold")
        #expect(fallback.disposition.reason?.contains("translates it (cap draft --text)") == true)
        #expect(try chosen(["es-419", "fr"]).info?.path == "alert/info[1]")
        let translated = try map(OwnMessages.message(sent: sent, body: infos(["fr"])),
                                 overrides: CAPOverrides(text: "Lũ quét"))
        #expect(translated.disposition == .draft && translated.text == "Lũ quét")
    }

    @Test("status, type, scope and urgency rules", arguments: [
        ("Draft", "Alert", "Public", "Immediate", "refuse"),
        ("System", "Alert", "Public", "Immediate", "log"),
        ("Exercise", "Alert", "Public", "Immediate", "draft"),
        ("Actual", "Ack", "Public", "Immediate", "log"),
        ("Actual", "Error", "Public", "Immediate", "log"),
        ("Actual", "Alert", "Private", "Immediate", "log"),
        ("Actual", "Alert", "Restricted", "Immediate", "log"),
        ("Actual", "Alert", "Public", "Past", "log"),
    ])
    func dispositions(_ status: String, _ type: String, _ scope: String, _ urgency: String, _ expected: String)
        throws {
        let references = type == "Alert" ? "" : "<references>kttv@angiang.example,kttv-0,2026-11-23T07:00:00+07:00"
            + "</references>"
        let text = OwnMessages.message(sent: sent, status: status, type: type, scope: scope,
                                       body: references + OwnMessages.info(sent: sent, urgency: urgency))
        let mapping = try map(text)
        #expect(mapping.disposition.name == expected, "\(mapping.rules)")
        if scope != "Public" { #expect(mapping.rules.last?.contains("no public broadcast") == true) }
    }

    @Test("no area is held; an area with no site inside is logged; a person's audience is drafted")
    func areas() throws {
        let noArea = OwnMessages.message(sent: sent, body: OwnMessages.info(sent: sent, area: ""))
        #expect(try map(noArea).disposition.name == "hold")
        let chosen = try map(noArea, overrides: CAPOverrides(audience: AlertAudience(tags: ["ven-song"])))
        #expect(chosen.disposition == .draft && chosen.audience?.tags == ["ven-song"])
        let far = OwnMessages.message(sent: sent, body: OwnMessages.info(sent: sent, area: """
                <area><areaDesc>Hà Nội</areaDesc><circle>21.03,105.85 10</circle></area>
            """))
        #expect(try map(far).disposition == .log("no site of the inventory lies in the area"))
    }

    @Test("expiry: from the info, else the default; an expired message never airs; at most 7 days")
    func expiry() throws {
        let text = OwnMessages.message(sent: sent, body: OwnMessages.info(sent: sent))
        #expect(try map(text).expires == sent.addingTimeInterval(6 * 3_600))
        let late = try map(text, at: sent.addingTimeInterval(7 * 3_600))
        #expect(late.disposition.name == "log" && late.disposition.reason?.hasPrefix("expired") == true)
        let noExpiry = text.replacingOccurrences(of: #"<expires>[^<]*</expires>"#, with: "",
                                                 options: .regularExpression)
        let defaulted = try map(noExpiry, policy: policy { $0.defaultLifetime = 3_600 })
        #expect(defaulted.expires == sent.addingTimeInterval(3_600))
        let long = try map(noExpiry, policy: policy { $0.defaultLifetime = 30 * 86_400 })
        #expect(long.expires == sent.addingTimeInterval(7 * 86_400))
    }

    @Test("a cancel before its alert leaves a tombstone; the alert then never airs")
    func cancelBeforeAlert() throws {
        var ledger = CAPLedger()
        let cancel = OwnMessages.message(identifier: "kttv-2", sent: sent.addingTimeInterval(60), type: "Cancel",
                                         body: "<references>\(OwnMessages.sender),kttv-1,\(OwnMessages.time(sent))"
                                            + "</references>")
        let cancelMapping = try map(cancel, ledger: ledger)
        #expect(cancelMapping.disposition == .draft && cancelMapping.references == ["cap:kttv@angiang.example,kttv-1"])
        #expect(cancelMapping.rules.contains { $0.contains("the sites keep a tombstone") })
        ledger.record(try entry(cancel, cancelMapping))
        let alert = OwnMessages.message(sent: sent, body: OwnMessages.info(sent: sent))
        let late = try map(alert, ledger: ledger)
        #expect(late.disposition.name == "log" && late.disposition.reason?.contains("cancelled by") == true)
    }

    @Test("updates out of order: an update already superseded when it arrives is logged")
    func updatesOutOfOrder() throws {
        var ledger = CAPLedger()
        let first = OwnMessages.message(sent: sent, body: OwnMessages.info(sent: sent))
        ledger.record(try entry(first, try map(first, ledger: ledger)))
        let reference = { (id: String, at: Date) in "\(OwnMessages.sender),\(id),\(OwnMessages.time(at))" }
        let second = OwnMessages.message(identifier: "kttv-3", sent: sent.addingTimeInterval(120), type: "Update",
                                         body: "<references>\(reference("kttv-1", sent)) "
                                            + "\(reference("kttv-2", sent.addingTimeInterval(60)))</references>"
                                            + OwnMessages.info(sent: sent))
        let newer = try map(second, ledger: ledger)
        #expect(newer.disposition == .draft && newer.messageType == .update && newer.references.count == 2)
        ledger.record(try entry(second, newer))
        let stale = OwnMessages.message(identifier: "kttv-2", sent: sent.addingTimeInterval(60), type: "Update",
                                        body: "<references>\(reference("kttv-1", sent))</references>"
                                            + OwnMessages.info(sent: sent))
        let older = try map(stale, ledger: ledger)
        #expect(older.disposition.reason?.contains("superseded by kttv@angiang.example,kttv-3") == true)
        let again = try map(first, ledger: ledger)
        #expect(again.disposition.reason?.contains("already handled") == true)
        let forged = first.replacingOccurrences(of: "An Phú</headline>", with: "Hà Nội</headline>")
        #expect(try map(forged, ledger: ledger).disposition.name == "refuse", "same identifier, other content")
    }

    @Test("an audio resource qualifies by type, size and host; otherwise the text is spoken")
    func audioResources() throws {
        func resource(_ type: String, _ source: String) -> String {
            "    <resource><resourceDesc>Bản tin</resourceDesc><mimeType>\(type)</mimeType>\(source)</resource>\n"
        }
        let inline = resource("audio/wav", "<derefUri>UklGRg==</derefUri>")
        let remote = resource("audio/wav", "<uri>https://kttv.example/a.wav</uri>"
                              + "<digest>\(String(repeating: "ab", count: 20))</digest>")
        let image = resource("image/jpeg", "<uri>https://kttv.example/a.jpg</uri>")
        func mapped(_ extra: String, hosts: Set<String> = []) throws -> CAPMapping {
            try map(OwnMessages.message(sent: sent, body: OwnMessages.info(sent: sent, extra: extra)),
                    policy: policy { $0.audio.hosts = hosts })
        }
        #expect(try mapped(image + inline).audio?.derefUri == "UklGRg==")
        #expect(try mapped(remote).audio == nil, "host not allowed")
        #expect(try mapped(remote, hosts: ["kttv.example"]).audio?.uri == "https://kttv.example/a.wav")
        #expect(try mapped(image).audio == nil && mapped(image).text != nil)
    }

    @Test("auto_send only for what one signature completes")
    func autoSend() throws {
        let text = OwnMessages.message(sent: sent, body: OwnMessages.info(sent: sent))
        let emergency = try map(text, policy: policy { $0.autoSend.levels = [.emergency] })
        #expect(!emergency.autoSend, "an actual emergency needs a second person")
        #expect(emergency.awaitsApproval && emergency.rules.contains { $0.contains("held for `alert approve`") })
        let exercise = try map(text.replacingOccurrences(of: ">Actual<", with: ">Exercise<"),
                               policy: policy { $0.autoSend.statuses = [.exercise] })
        #expect(exercise.autoSend && !exercise.awaitsApproval)
        let unlisted = try map(text, policy: policy())
        #expect(!unlisted.autoSend && !unlisted.awaitsApproval, "without auto_send nothing is sent or held")
    }

    /// The ledger entry `cap draft` would record.
    private func entry(_ text: String, _ mapping: CAPMapping) throws -> CAPLedger.Entry {
        let alert = try message(text, policy()).alert
        return CAPLedger.Entry(
            key: CAPMessageKey(sender: alert.sender, identifier: alert.identifier), sent: alert.sent.text,
            sha256: try message(text, policy()).sha256, messageType: alert.messageType.rawValue,
            references: alert.references.map(\.key), disposition: mapping.disposition.name,
            payloadID: mapping.payloadID, level: mapping.level?.rawValue, sites: mapping.audience?.sites ?? [],
            expires: mapping.expires, handled: sent
        )
    }
}
