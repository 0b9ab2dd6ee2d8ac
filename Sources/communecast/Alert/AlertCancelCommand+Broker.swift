import ControlProtocol

extension AlertCancelCommand {
    /// Sends `CancelAlert` to each site as a signed varlink call through the broker and reports each site's
    /// answer: ok, refused (by its ACL or the method table), offline (not called), timed out, or error (such as no
    /// alert of that id).
    func cancelViaBroker(_ parameters: Site.CancelAlert.Parameters) async throws {
        try await BrokerCalls.run("alert cancel", Site.CancelAlert.self, parameters, broker: broker,
                                  connection: connection, fleet: fleet, json: json, detail: Self.brief)
    }
}
