import X509

extension ProvincialTrust {
    /// The province's name as the CA states it (its organisation, else its subject): the default `issuer` of the
    /// alerts its staff draft.
    public var organization: String {
        let names = authority.subject.flatMap { $0 }.filter { $0.type == .RDNAttributeType.organizationName }
        return names.last.flatMap { String($0.value) } ?? String(describing: authority.subject)
    }
}
