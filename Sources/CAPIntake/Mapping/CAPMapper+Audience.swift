import AlertTrust

extension CAPMapper {
    /// The audience: the sites of the inventory inside the chosen info's areas (issue 17); a Test message's goes to
    /// the policy's test sites only; a cancel goes where the cancelled alert went (or everywhere, to leave a
    /// tombstone); no usable area is held for a person to decide.
    func mapAudience(_ alert: CAPAlert, _ overrides: CAPOverrides, _ mapping: inout CAPMapping) -> CAPDisposition? {
        if let audience = overrides.audience {
            mapping.audience = audience
            mapping.fire("audience \(audience.summary), set by the drafter")
            return nil
        }
        if alert.status == .test {
            mapping.audience = policy.testAudience
            mapping.fire("audience \(policy.testAudience.summary): the test sites")
            return nil
        }
        let areas = mapping.info?.areas ?? []
        let usable = areas.filter { AreaMatcher.isUsable($0, geocodeNames: policy.geocodeNames) }
        if alert.messageType == .cancel, usable.isEmpty {
            let known = Array(Set(referencedEntries(alert).flatMap(\.sites)))
            let names = known.isEmpty ? sites.map(\.name) : sites.map(\.name).filter(known.contains)
            guard !names.isEmpty else {
                mapping.fire("no sites to send the cancel to")
                return .hold("no inventory sites to send the cancel to")
            }
            mapping.audience = AlertAudience(sites: names)
            mapping.fire(known.isEmpty ? "audience: every site (\(names.count)): the cancelled alert was not seen "
                                         + "here, so every site keeps a tombstone"
                                       : "audience: the \(names.count) site(s) the cancelled alert went to")
            return nil
        }
        guard !usable.isEmpty else {
            let why = areas.isEmpty ? "no area" : "no polygon, circle or policy geocode in the area"
            mapping.fire("\(why) → held")
            return .hold("\(why): a person decides the audience (cap draft --site/--tag/--area)")
        }
        guard !sites.isEmpty else {
            mapping.fire("no inventory to match the area against → held")
            return .hold("no inventory: give one (--inventory) or the audience (--site/--tag/--area)")
        }
        let names = sites.filter { site in
            usable.contains { AreaMatcher.contains($0, site, geocodeNames: policy.geocodeNames) }
        }.map(\.name)
        let described = usable.map(\.description).joined(separator: "; ")
        guard !names.isEmpty else {
            mapping.fire("area \(described): no site of the inventory inside → log only")
            return .log("no site of the inventory lies in the area")
        }
        mapping.audience = AlertAudience(sites: names)
        mapping.fire("area \(described): \(names.count) of \(sites.count) site(s) inside "
                     + "(\(names.joined(separator: ", ")))")
        return nil
    }
}
