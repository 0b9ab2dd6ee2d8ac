extension CAPMapper {
    /// The office's memory (issue 17: cancels before their alert, updates out of order): a message handled before is
    /// not handled again; the same identifier with other content is refused; a message that a handled update or
    /// cancel already named is logged, never aired (the sites, too, keep a tombstone for it).
    func checkLedger(_ message: CAPMessage, _ mapping: inout CAPMapping) -> CAPDisposition? {
        guard let ledger else { return nil }
        let alert = message.alert
        let key = CAPMessageKey(sender: alert.sender, identifier: alert.identifier)
        if let known = ledger.entry(key) {
            if known.sha256 != message.sha256 {
                mapping.fire("ledger: \(key) was handled before with other content (sha256 "
                             + "\(known.sha256.prefix(12))…)")
                return .refuse("the same sender and identifier came before with other content: one of the two is "
                               + "forged or mistaken")
            }
            if known.disposition != CAPDisposition.hold("").name {
                mapping.fire("ledger: \(key) was already handled (\(known.disposition))")
                return .log("already handled (\(known.disposition))")
            }
        }
        if let later = ledger.referrers(of: key).first(where: { $0.disposition != "refuse" }) {
            let verb = later.messageType == CAPMessageType.cancel.rawValue ? "cancelled" : "superseded"
            mapping.fire("ledger: \(verb) by \(later.key) (sent \(later.sent)) before it arrived → log only")
            return .log("\(verb) by \(later.key) before it arrived")
        }
        for reference in alert.references where ledger.entry(reference.key) == nil {
            mapping.fire(alert.messageType == .cancel
                         ? "ledger: \(reference.key) not seen here; the sites keep a tombstone, so it never airs"
                         : "ledger: \(reference.key) not seen here")
        }
        return nil
    }

    /// The ledger entries of the messages `alert` references.
    func referencedEntries(_ alert: CAPAlert) -> [CAPLedger.Entry] {
        guard let ledger else { return [] }
        return alert.references.compactMap { ledger.entry($0.key) }
    }
}
