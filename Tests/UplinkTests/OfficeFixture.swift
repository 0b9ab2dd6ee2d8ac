import CommuneCastTesting
import Fleet
import Foundation
import Logging
import Uplink

/// The province's office on a test broker: a connected ``BrokerConnection`` under a staff certificate.
enum OfficeFixture {
    /// Connects as `staff` (a client certificate of the test PKI) to `brokers`.
    static func connect(_ brokers: [TestBroker], staff: String = "so-tt-an-giang",
                        subscribing filters: [String] = []) async throws -> BrokerConnection {
        let pki = brokers[0].pki
        let office = try BrokerConnection(
            brokers: brokers.map(BrokerEndpoint.init),
            credentials: UplinkCredentials(caPath: pki.file("province-ca.pem"),
                                           certificatePath: pki.file("\(staff).pem"),
                                           keyPath: pki.file("\(staff).key")),
            office: staff, logger: Logger(label: "test.office"))
        try await office.connect(subscribing: filters, timeout: .seconds(60))
        return office
    }
}
