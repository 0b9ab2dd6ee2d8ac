import ControlProtocol
import Foundation
import Logging

/// How one site's part of a fan-out ended, as the final table reports it.
public enum SiteResultKind: String, Sendable, Codable, CaseIterable {
    /// The call succeeded.
    case ok
    /// The site refused us: our certificate, our role, or the call itself by its rules (an expired or cancelled
    /// alert, a name or schedule it does not accept).
    case refused
    /// Nothing answered at the address.
    case unreachable
    /// The site did not finish within the per-site timeout.
    case timedOut = "timed out"
    /// The site could not carry the call out (its device, its disk, a version this CLI does not match), or
    /// anything else, with a message.
    case error
}

/// One site's result.
public struct SiteResult<Value: Sendable>: Sendable {
    /// The site.
    public let site: Inventory.Site
    /// How it ended.
    public let kind: SiteResultKind
    /// What the site or the network said, for anything but `ok`.
    public let message: String?
    /// The operation's value, for `ok`.
    public let value: Value?
    /// Connection attempts made (2 when the first failed to connect and was retried).
    public let attempts: Int
    /// Seconds from the first attempt to the end.
    public let seconds: Double
}

/// Runs one operation on many sites at once (issue 5): at most `concurrency` in flight, each site bounded by
/// `timeout`, and a failure to connect retried once. Every site ends in a ``SiteResult``; nothing is thrown.
public struct FanOut: Sendable {
    /// Most sites in flight at once.
    public var concurrency: Int
    /// The most one site may take, connecting and calling, per attempt.
    public var timeout: Duration
    /// Extra attempts after a connection failure (not after a refusal or an error the site reported).
    public var retries: Int
    private let logger: Logger

    /// Creates a runner.
    public init(concurrency: Int = 64, timeout: Duration = .seconds(30), retries: Int = 1, logger: Logger) {
        self.concurrency = max(1, concurrency)
        self.timeout = timeout
        self.retries = max(0, retries)
        self.logger = logger
    }

    /// Runs `operation` against every site and returns the results in the order of `sites`. `progress` is called
    /// after each site finishes with how many are done.
    public func run<Value: Sendable>(
        _ sites: [Inventory.Site],
        progress: @escaping @Sendable (_ done: Int, _ results: [SiteResultKind]) -> Void = { _, _ in },
        operation: @escaping @Sendable (VarlinkClient, Inventory.Site) async throws -> Value
    ) async -> [SiteResult<Value>] {
        var credentials = CredentialCache()
        var prepared: [(Int, Inventory.Site, Result<TLSClientCredentials?, ClientError>)] = []
        for (index, site) in sites.enumerated() {
            prepared.append((index, site, credentials.credentials(for: site)))
        }
        var results = [SiteResult<Value>?](repeating: nil, count: sites.count)
        var kinds: [SiteResultKind] = []
        await withTaskGroup(of: (Int, SiteResult<Value>).self) { group in
            var next = prepared.makeIterator()
            func addNext() -> Bool {
                guard let (index, site, tls) = next.next() else { return false }
                group.addTask { (index, await self.attempt(site, tls: tls, operation: operation)) }
                return true
            }
            for _ in 0..<concurrency where !addNext() { break }
            while let (index, result) = await group.next() {
                results[index] = result
                kinds.append(result.kind)
                progress(kinds.count, kinds)
                _ = addNext()
            }
        }
        return results.compactMap { $0 }
    }

    private func attempt<Value: Sendable>(
        _ site: Inventory.Site, tls: Result<TLSClientCredentials?, ClientError>,
        operation: @escaping @Sendable (VarlinkClient, Inventory.Site) async throws -> Value
    ) async -> SiteResult<Value> {
        let started = ContinuousClock.now
        func finish(_ kind: SiteResultKind, _ message: String?, _ value: Value?, _ attempts: Int) -> SiteResult<Value> {
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return SiteResult(site: site, kind: kind, message: message, value: value, attempts: attempts,
                              seconds: seconds)
        }
        let credentials: TLSClientCredentials?
        switch tls {
        case .success(let value): credentials = value
        case .failure(let error): return finish(.error, error.description, nil, 0)
        }
        var attempts = 0
        while true {
            attempts += 1
            let outcome = await once(site, tls: credentials, operation: operation)
            switch outcome {
            case .success(let value):
                return finish(.ok, nil, value, attempts)
            case .failure(let failure):
                if failure.isConnectionFailure, attempts <= retries {
                    logger.debug("retrying", metadata: ["site": "\(site.name)", "reason": "\(failure.message)"])
                    continue
                }
                return finish(failure.kind, failure.message, nil, attempts)
            }
        }
    }

    /// One connection and call, bounded by the timeout.
    private func once<Value: Sendable>(
        _ site: Inventory.Site, tls: TLSClientCredentials?,
        operation: @escaping @Sendable (VarlinkClient, Inventory.Site) async throws -> Value
    ) async -> Result<Value, SiteFailure> {
        let timeout = timeout
        let logger = logger
        return await withTaskGroup(of: Result<Value, SiteFailure>?.self) { group in
            group.addTask {
                let client: VarlinkClient
                do {
                    client = try await VarlinkClient.connect(to: site.address, timeout: timeout, tls: tls,
                                                             logger: logger)
                } catch {
                    return .failure(SiteFailure(error, connecting: true))
                }
                do {
                    let value = try await operation(client, site)
                    await client.close()
                    return .success(value)
                } catch {
                    await client.close()
                    return .failure(SiteFailure(error, connecting: false))
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(SiteFailure(kind: .timedOut, message: "no answer within \(timeout)",
                                                 isConnectionFailure: false))
        }
    }
}

/// A failed attempt, classified.
struct SiteFailure: Error {
    let kind: SiteResultKind
    let message: String
    /// The connection itself failed, so one retry is worth it.
    let isConnectionFailure: Bool

    init(kind: SiteResultKind, message: String, isConnectionFailure: Bool) {
        self.kind = kind
        self.message = message
        self.isConnectionFailure = isConnectionFailure
    }

    init(_ error: Error, connecting: Bool) {
        guard let error = error as? ClientError else {
            self.init(kind: .error, message: "\(error)", isConnectionFailure: false)
            return
        }
        switch error {
        case .unreachable(_, let reason):
            self.init(kind: .unreachable, message: reason, isConnectionFailure: true)
        case .timedOut(_, let after):
            self.init(kind: .timedOut, message: "no answer within \(after)", isConnectionFailure: connecting)
        case .cancelled:
            self.init(kind: .timedOut, message: "cancelled at the per-site timeout", isConnectionFailure: false)
        case .tlsFailed(_, let reason):
            self.init(kind: .refused, message: reason, isConnectionFailure: false)
        case .remote(let remote):
            // A site that says no by its rules (a role, an expired or cancelled alert, a bad name) refused; one that
            // could not do it (its device, its disk, its version) is an error.
            self.init(kind: remote.disposition == .refused ? .refused : .error, message: remote.explanation,
                      isConnectionFailure: false)
        case .permissionDenied(let method, let role):
            self.init(kind: .refused, message: ClientError.denial(method: method, needs: role),
                      isConnectionFailure: false)
        case .closedByPeer:
            self.init(kind: connecting ? .unreachable : .error, message: error.description,
                      isConnectionFailure: connecting)
        default:
            self.init(kind: .error, message: error.description, isConnectionFailure: false)
        }
    }
}

/// Reads each distinct set of PEM files once, however many sites share it.
private struct CredentialCache {
    private var cache: [String: Result<TLSClientCredentials?, ClientError>] = [:]

    mutating func credentials(for site: Inventory.Site) -> Result<TLSClientCredentials?, ClientError> {
        guard case .tls = site.address else { return .success(nil) }
        guard let ca = site.caPath else { return .failure(.tlsCredentialsRequired(site.address)) }
        let key = [site.certificatePath ?? "", site.keyPath ?? "", ca].joined(separator: "\n")
        if let cached = cache[key] { return cached }
        let result: Result<TLSClientCredentials?, ClientError>
        do {
            result = .success(try TLSClientCredentials(certificatePath: site.certificatePath, keyPath: site.keyPath,
                                                       caPath: ca))
        } catch {
            result = .failure(error)
        }
        cache[key] = result
        return result
    }
}
