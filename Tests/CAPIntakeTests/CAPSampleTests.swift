import AlertTrust
@testable import CAPIntake
import CommuneCastTesting
import ControlProtocol
import Foundation
import Testing

/// The eight real CAP messages, each read at its own `sent` time under a policy that pins the signed ones' keys as
/// an operator would, and mapped as issue 17 says.
@Suite("CAP intake: the eight real samples")
struct CAPSampleTests {
    /// Sites for the samples' areas: one inside the thunderstorm polygon, one with the tsunami's UGC code, one
    /// far away.
    private let sites = [
        CAPSite(name: "alpine", location: GeoPoint(latitude: 38.45, longitude: -119.90)),
        CAPSite(name: "adak", geocodes: ["UGC": ["AKZ187"]]),
        CAPSite(name: "an-phu", location: GeoPoint(latitude: 10.81, longitude: 105.09)),
    ]

    private func workspace(_ extra: String = "") throws -> (TemporaryDirectory, CAPPolicy) {
        let directory = try TemporaryDirectory(prefix: "cap-samples")
        let senders = try CAPSamples.pinKeys(in: directory)
        return (directory, try CAPFixtures.policy(senders + "geocodes: [UGC]\n" + extra, in: directory))
    }

    private func read(_ sample: CAPSamples.Sample, _ policy: CAPPolicy) throws -> CAPMessage {
        try CAPMessage(bytes: try sample.bytes(), policy: policy, now: try sample.sent())
    }

    @Test("every sample passes the checks at its sent time", arguments: CAPSamples.Sample.allCases)
    func accepted(_ sample: CAPSamples.Sample) throws {
        let (directory, policy) = try workspace()
        defer { directory.remove() }
        let message = try read(sample, policy)
        #expect(message.sha256.count == 64)
        #expect(message.source.identifier == message.alert.identifier)
        #expect(message.warnings.allSatisfy { $0.severity == .warning })
    }

    @Test("the three signed samples verify with the pinned keys, each of Canada's two signatures alone",
          arguments: [(CAPSamples.Sample.canada, 2), (.ipaws, 1), (.pagasa, 1)])
    func signedSamplesVerify(_ sample: CAPSamples.Sample, signatures: Int) throws {
        let (directory, policy) = try workspace()
        defer { directory.remove() }
        let message = try read(sample, policy)
        #expect(message.signatures.count == signatures)
        #expect(message.signatures.allSatisfy { $0.isVerified })
        if sample == .canada {
            #expect(message.signatures.map { $0.verifiedBy?.file.hasSuffix("naad-dss1.pem") }
                    == [true, false], "NAAD's signature comes first, Environment Canada's second")
        }
        if sample == .pagasa { #expect(message.signatures[0].verifiedBy?.kind == .publicKey) }
    }

    @Test("without the right pinned keys the signed samples are refused, naming the signature",
          arguments: [CAPSamples.Sample.canada, .ipaws, .pagasa])
    func signedSamplesRefusedWithoutPins(_ sample: CAPSamples.Sample) throws {
        let directory = try TemporaryDirectory(prefix: "cap-wrong-pins")
        defer { directory.remove() }
        _ = try CAPSamples.pinKeys(in: directory)
        let policy = try CAPFixtures.policy("""
            senders:
              - {sender: "cap-pac@ec.gc.ca", certificates: [ipaws.pem]}
              - {sender: AtHoc, certificates: [ec-meteo.pem]}
              - {sender: PAGASA-DOST, certificates: [naad-dss1.pem]}
            """, in: directory)
        #expect {
            try read(sample, policy)
        } throws: { error in
            let refusal = error as? CAPRefusal
            return refusal?.findings.first?.element == "alert/Signature[1]"
                && refusal?.description.contains("does not verify") == true
        }
        let unlisted = try CAPFixtures.policy("other_senders: refuse\n", in: directory, name: "none.yaml")
        #expect(throws: CAPRefusal.self) { try read(sample, unlisted) }
    }

    @Test("Canada's message is refused when only NAAD's certificate is pinned: every signature must hold")
    func everySignatureMustVerify() throws {
        let directory = try TemporaryDirectory(prefix: "cap-one-pin")
        defer { directory.remove() }
        _ = try CAPSamples.pinKeys(in: directory)
        let policy = try CAPFixtures.policy("senders: [{sender: \"cap-pac@ec.gc.ca\", certificates: [naad-dss1.pem]}]",
                                            in: directory)
        #expect {
            try read(.canada, policy)
        } throws: { error in
            let findings = (error as? CAPRefusal)?.findings ?? []
            return findings.map(\.element) == ["alert/Signature[2]"]
        }
    }

    @Test("a pinned certificate is only good while it is valid: IPAWS's expired in May 2018")
    func expiredPinnedCertificate() throws {
        let (directory, policy) = try workspace()
        defer { directory.remove() }
        let later = try CAPSamples.Sample.ipaws.sent().addingTimeInterval(3 * 365 * 86_400)
        #expect {
            try CAPMessage(bytes: try CAPSamples.Sample.ipaws.bytes(), policy: policy, now: later)
        } throws: { error in
            (error as? CAPRefusal)?.description.contains("expired on 2018-05-20") == true
        }
    }

    @Test("each sample is mapped as issue 17 says")
    func mappings() throws {
        let (directory, policy) = try workspace("test_audience: {tags: [bench]}\nnormal: priority\n")
        defer { directory.remove() }
        func mapping(_ sample: CAPSamples.Sample) throws -> CAPMapping {
            CAPMapper(policy: policy, sites: sites, now: try sample.sent()).map(try read(sample, policy))
        }
        let homeland = try mapping(.homeland)
        #expect(homeland.level == .priority && homeland.disposition.name == "hold",
                "Severe, Immediate, Likely; an area with a description only is held")
        let storm = try mapping(.thunderstorm)
        #expect(storm.level == .priority && storm.audience?.sites == ["alpine"], "only the site inside the polygon")
        #expect(storm.expires == (try CAPTime(parsing: "2003-06-17T16:00:00-07:00").date))
        #expect(storm.disposition.reason?.contains("the text is in en-US") == true, "English text is held")
        let quake = try mapping(.earthquake)
        #expect(quake.disposition == .log("urgency Past: the event is over"))
        let tsunami = try mapping(.tsunami)
        #expect(tsunami.level == .emergency && tsunami.messageType == .update)
        #expect(tsunami.audience?.sites == ["adak"], "matched by its UGC geocode")
        #expect(tsunami.references == ["cap:PAAQ,PAAQ-1-lqw6d6"])
        #expect(tsunami.disposition.name == "hold", "English text is held for a translation")
        let canada = try mapping(.canada)
        #expect(canada.info?.language == "en-CA", "no Vietnamese and no en-US: the first info")
        #expect(canada.rules.contains { $0.contains("the first (en-CA)") })
        #expect(canada.level == .priority && canada.rules.contains { $0.contains("Moderate, Future, Likely → normal") })
        let cancel = try mapping(.ipaws)
        #expect(cancel.disposition == .draft && cancel.messageType == .cancel && cancel.text == nil)
        #expect(cancel.audience?.sites == sites.map(\.name), "an unseen alert's cancel goes everywhere as a tombstone")
        let test = try mapping(.pagasa)
        #expect(test.status == .test && test.audience?.tags == ["bench"])
        #expect(test.info?.languageGiven == false && test.info?.language == "en-US")
        let mexico = try mapping(.mexico)
        #expect(mexico.level == .priority, "Unknown, Unknown, Unknown is normal; this policy sends normal as priority")
        #expect(mexico.disposition == .log("no site of the inventory lies in the area"), "Chiapas and Oaxaca")
    }

    @Test("status Test without designated test sites is logged: no public audio")
    func testWithoutTestSites() throws {
        let (directory, policy) = try workspace()
        defer { directory.remove() }
        let mapping = CAPMapper(policy: policy, sites: sites, now: try CAPSamples.Sample.pagasa.sent())
            .map(try read(.pagasa, policy))
        #expect(mapping.disposition == .log("status Test: no public audio"))
    }
}
