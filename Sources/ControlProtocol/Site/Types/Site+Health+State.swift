extension Site.Health {
    /// Everything in this report that needs attention, worst first: the one classification every client uses.
    ///
    /// A closed device is not a problem: the daemon opens it for the next item and closes it when idle.
    public var problems: [Site.HealthProblem] {
        var problems: [Site.HealthProblem] = []
        if device.state == .degraded {
            let reason = device.lastError.map { ": \($0)" } ?? ""
            problems.append(.init(state: .degraded, text: "device degraded\(reason)"))
        }
        if !databaseOk {
            problems.append(.init(state: .degraded, text: "database FAILED"))
        }
        if let error = amplifier.error {
            problems.append(.init(state: .warning, text: "amplifier cannot switch: \(error)"))
        }
        if !clockSynchronized {
            problems.append(.init(state: .warning, text: "clock not synchronised"))
        }
        if let warnings = scheduleWarnings, !warnings.isEmpty {
            let count = warnings.count
            problems.append(.init(state: .warning, text: "\(count) schedule warning\(count == 1 ? "" : "s")"))
        }
        if let alarms = alertAlarms, !alarms.isEmpty {
            let count = alarms.count
            problems.append(.init(state: .warning, text: "\(count) signed alert\(count == 1 ? "" : "s") refused as "
                                  + "equivocation (same issuer and id, other content): \(alarms[0])"))
        }
        return problems
    }

    /// `degraded` if any problem makes it so, else `warning` if there is any problem, else `ok`.
    public var state: Site.HealthState {
        problems.map(\.state).max() ?? .ok
    }
}
