import Foundation

/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held. The deadline is generous
/// on purpose: the suite runs beside compilers on two cores, and a condition that holds returns at once.
func eventually(timeout: Duration = .seconds(60), _ condition: () throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return try condition()
}
