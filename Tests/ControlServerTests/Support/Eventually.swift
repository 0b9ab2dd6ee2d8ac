import CommuneCastTesting
import Foundation

/// Waits for `condition` with ``Poll``, checking every 10 ms for up to `timeout`; returns whether it held.
func eventually(timeout: Duration = .seconds(60), _ condition: () throws -> Bool) async throws -> Bool {
    try await Poll.until(timeout: timeout, condition)
}
