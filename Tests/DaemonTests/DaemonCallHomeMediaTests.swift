import AlertTrust
import CommuneCastTesting
import Fleet
import Foundation
import Testing
import Uplink

/// Issue 15 §5 through real parts: the office puts an announcement once on the province media host (Debian's nginx,
/// started by the test) with `communecast media upload --media-host`, publishes a signed alert naming it by SHA-256
/// with `alert send --via`, and a real `communecastd` that lacks the file fetches it by hash with resumable range
/// requests (through a proxy that drops the connection mid-file), checks it and airs it; media it cannot get before
/// the alert expires is reported as `media.missing` and never airs.
@Suite("communecastd: media fetched by hash from the province media host", .serialized)
struct DaemonCallHomeMediaTests {
    /// A broker, the media host, site xa-an-phu fetching from it (through a `FaultProxy` when `proxied`) and a work
    /// directory; ``cleanUp()`` stops and removes them all.
    private struct Setup {
        let broker: TestBroker
        let host: MediaHost
        let proxy: FaultProxy?
        let site: CallHomeSite
        let work: TemporaryDirectory

        init(proxied: Bool = false) throws {
            broker = try TestBroker()
            do {
                host = try MediaHost(pki: broker.pki)
            } catch {
                broker.remove()
                throw error
            }
            do {
                proxy = proxied ? try FaultProxy(upstreamPort: host.port) : nil
                let url = proxy.map { "http://127.0.0.1:\($0.port)" } ?? host.url
                site = try CallHomeSite("xa-an-phu", brokers: [broker], mediaHost: url)
                work = try TemporaryDirectory(prefix: "callhome-media")
            } catch {
                host.remove()
                broker.remove()
                throw error
            }
        }

        func cleanUp() {
            site.cleanUp()
            proxy?.stop()
            host.remove()
            broker.remove()
            work.remove()
        }
    }

    /// Runs `communecast` as so-tt-an-giang with `--via` the broker.
    private static func cli(_ arguments: [String], broker: TestBroker) throws -> ProcessRunner.Output {
        let pki = broker.pki
        return try ProcessRunner.run(BuiltProducts.path(of: "communecast"), arguments + [
            "--via", "mqtts://localhost:\(broker.port)", "--cert", pki.file("so-tt-an-giang.pem"),
            "--key", pki.file("so-tt-an-giang.key"), "--ca", pki.file("province-ca.pem"),
        ])
    }

    /// An emergency for the `ven-song` tag airing `media` (a SHA-256) once, in force `lifetime` seconds.
    private static func envelope(id: String, media: String, pki: TestPKI, lifetime: Double = 3_600) async throws
        -> [UInt8] {
        let sent = Date()
        let payload = AlertPayload(
            issuer: CallHomeSite.issuer, id: id, sent: sent, expires: sent.addingTimeInterval(lifetime),
            audience: AlertAudience(tags: ["ven-song"]), messageType: .alert, references: [], level: .emergency,
            repeatCount: 1, intervalSeconds: 0, content: AlertContent(tone: false, media: media)
        )
        var envelope = AlertEnvelope(payload: payload)
        try await CallHomeSite.signer("so-tt-an-giang", pki: pki).sign(&envelope, part: .draft, at: sent)
        try await CallHomeSite.signer("pho-giam-doc", pki: pki).sign(&envelope, part: .approve, at: sent)
        return Array(envelope.serialized())
    }

    private static func object(_ output: ProcessRunner.Output) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))) as? [String: Any] ?? [:]
    }

    /// The files the site keeps in its media directory.
    private static func mediaFiles(_ site: CallHomeSite) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: site.daemon.directory.file("state/media"))) ?? []
    }

    @Test("media upload --media-host puts the file once; the site fetches it by hash, resumes after a drop, airs it")
    func fetchedAndResumed() async throws {
        let setup = try Setup(proxied: true)
        defer { setup.cleanUp() }
        let (broker, host, site, work) = (setup.broker, setup.host, setup.site, setup.work)
        let proxy = try #require(setup.proxy)

        // The office encodes the recording and puts it on the media host, once.
        let wav = work.file("bao-lu.wav")
        try WAVWriter.write(Signals.sweep(from: 300, to: 3_000, seconds: 40, sampleRate: 48_000),
                            to: wav, sampleRate: 48_000)
        let upload = try Self.cli(["media", "upload", wav, "--media-host", host.uploadURL, "--json"], broker: broker)
        #expect(upload.status == 0, "\(upload.standardError)")
        let sha = try #require(Self.object(upload)["sha256"] as? String, "\(upload.standardOutput)")
        #expect(Self.object(upload)["outcome"] as? String == "stored")
        let size = try FileManager.default.attributesOfItem(atPath: host.file(sha))[.size] as? Int ?? 0
        #expect(size > 100_000, "the fixture should be large enough to be cut in the middle: \(size) bytes")
        let again = try Self.cli(["media", "upload", wav, "--media-host", host.uploadURL, "--json"], broker: broker)
        #expect(Self.object(again)["outcome"] as? String == "present", "\(again.standardOutput)\(again.standardError)")
        #expect(host.requests().filter { $0.hasPrefix("PUT ") }.count == 1, "\(host.requests())")

        let office = try await CallHomeSite.office([broker])
        #expect(await site.waitUntilConnected(), "\(site.daemon.log)")
        #expect(try await site.waitUntilSubscribed(office: office), "\(site.daemon.log)")
        await office.close()

        // A slow link (about 20 s for the file): the download is cut once part of it has arrived, then comes back.
        proxy.set(.throttle(bytesPerSecond: 6_000))
        let file = work.file("bao-lu.jws")
        try Data(try await Self.envelope(id: "bao-lu", media: sha, pki: broker.pki))
            .write(to: URL(fileURLWithPath: file))
        // On a thread of its own: the CLI blocks until the site answers, and the cooperative pool must stay free
        // to watch the download.
        let send = BackgroundRun {
            try Self.cli(["alert", "send", file, "--group", CallHomeSite.group, "--media-host", host.uploadURL,
                          "--timeout", "120", "--json"], broker: broker)
        }
        // The cut is made by a thread of its own as soon as 15 KB have arrived: a test task could wait too long
        // for a thread of a busy cooperative pool and see the download already complete.
        let partial = site.daemon.directory.file("state/media/.fetch-\(sha).part")
        let cut = BackgroundRun { () -> Bool in
            let started = Poll.until(timeout: 120, every: 0.01) {
                ((try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0) > 15_000
            }
            proxy.set(.closed)
            return started
        }
        #expect(try await cut.result(timeout: .seconds(180)), "no partial download appeared:\n\(site.daemon.log)")
        let interrupted = try await Poll.until(timeout: .seconds(90)) {
            site.daemon.log.contains("media fetch interrupted")
        }
        #expect(interrupted, "\(site.daemon.log)")
        proxy.set(.pass)

        let sent = try await send.result(timeout: .seconds(180))
        #expect(sent.status == 0, "\(sent.standardOutput)\(sent.standardError)\n\(site.daemon.log)")
        #expect(try await site.waitUntilAired("bao-lu"), "\(site.daemon.log)")
        let resumed = host.requests().filter { $0.hasPrefix("GET /media/\(sha).opus 206 \"bytes=") }
        let offsets = resumed.compactMap { line in
            line.split(separator: "\"").dropFirst().first.flatMap { Int($0.dropFirst(6).dropLast()) }
        }
        #expect(offsets.contains { $0 > 0 }, "no resumed range request: \(host.requests())")
        #expect(host.requests().filter { $0.hasPrefix("GET /media/\(sha).opus 200 ") }.count == 1,
                "the whole file was sent more than once: \(host.requests())")
        let stored = try site.daemon.databaseRows("SELECT sha256, bytes FROM media")
        #expect(stored == ["\(sha)|\(size)"], "\(stored)")
        #expect(Self.mediaFiles(site) == ["\(sha).opus"], "\(Self.mediaFiles(site))")
    }

    @Test("a direct alert send (PushSignedAlert on the socket) naming media the site lacks fetches it, then airs")
    func directPushFetches() async throws {
        let setup = try Setup()
        defer { setup.cleanUp() }
        let (broker, host, site, work) = (setup.broker, setup.host, setup.site, setup.work)
        let wav = work.file("tin-ngan.wav")
        try WAVWriter.write(Signals.sweep(from: 400, to: 2_000, seconds: 3, sampleRate: 48_000), to: wav,
                            sampleRate: 48_000)
        let upload = try Self.cli(["media", "upload", wav, "--media-host", host.uploadURL, "--json"], broker: broker)
        let sha = try #require(Self.object(upload)["sha256"] as? String, "\(upload.standardError)")
        let file = work.file("tin-ngan.jws")
        try Data(try await Self.envelope(id: "tin-ngan", media: sha, pki: broker.pki))
            .write(to: URL(fileURLWithPath: file))

        let pushed = try site.daemon.cli(["alert", "send", file, "--json"])
        #expect(pushed.status == 0, "\(pushed.standardOutput)\(pushed.standardError)\n\(site.daemon.log)")
        #expect(pushed.standardOutput.contains("\"accepted\""), "\(pushed.standardOutput)")
        #expect(try await site.waitUntilAired("tin-ngan"), "\(site.daemon.log)")
        #expect(try site.daemon.databaseRows("SELECT sha256 FROM media") == [sha])
        #expect(host.requests().contains { $0.hasPrefix("GET /media/\(sha).opus 200 ") }, "\(host.requests())")

        // Media the host lacks: the direct push is refused with media_missing after the site's wait, nothing airs.
        let absent = String(repeating: "cd", count: 32)
        let missingFile = work.file("mat-2.jws")
        try Data(try await Self.envelope(id: "mat-2", media: absent, pki: broker.pki))
            .write(to: URL(fileURLWithPath: missingFile))
        let refused = try site.daemon.cli(["alert", "send", missingFile, "--timeout", "90"])
        #expect(refused.status != 0 && refused.standardError.contains("media_missing"),
                "\(refused.standardOutput)\(refused.standardError)")
        #expect(try site.airings("mat-2") == 0)
    }

    @Test("media the host lacks: alert send --via refuses to publish; an alert published anyway reports media.missing")
    func missingMedia() async throws {
        let setup = try Setup()
        defer { setup.cleanUp() }
        let (broker, host, site, work) = (setup.broker, setup.host, setup.site, setup.work)
        let office = try await CallHomeSite.office([broker])
        #expect(await site.waitUntilConnected(), "\(site.daemon.log)")
        #expect(try await site.waitUntilSubscribed(office: office), "\(site.daemon.log)")

        let absent = String(repeating: "ab", count: 32)
        let lifetime = 20.0
        let envelope = try await Self.envelope(id: "mat-1", media: absent, pki: broker.pki, lifetime: lifetime)
        let file = work.file("mat-1.jws")
        try Data(envelope).write(to: URL(fileURLWithPath: file))
        let refused = try Self.cli(["alert", "send", file, "--group", CallHomeSite.group, "--media-host", host.uploadURL],
                                   broker: broker)
        #expect(refused.status == 1 && refused.standardError.contains("the media host lacks")
                && refused.standardError.contains("nothing was published"), "\(refused.standardError)")

        // An office that publishes it anyway: the site tries until the alert expires, then reports it.
        try await BrokerPublisher(connection: office).publishAlert(
            envelope, issuer: CallHomeSite.issuer, id: "mat-1", slots: nil, expires: Date().addingTimeInterval(lifetime),
            groups: [try GroupID(CallHomeSite.group)]
        )
        let missing = await CallHomeSite.waitForEvent(office, site: "xa-an-phu", id: "mat-1", type: .mediaMissing)
        #expect(missing?.code == "media_missing" && missing?.message?.contains("404") == true,
                "\(String(describing: missing))\n\(site.daemon.log)")
        #expect(try site.airings("mat-1") == 0)
        let asRun = try site.daemon.asRun().filter { $0["source"] as? String == "alert:mat-1" }
        #expect(asRun.count == 1 && asRun.first?["outcome"] as? String == "failed"
                && (asRun.first?["reason"] as? String)?.hasPrefix("media.missing") == true, "\(asRun)")
        let audit = try site.brokerAuditRows()
        #expect(audit.contains { $0.hasPrefix("provincial|io.communecast.Site.MediaMissing|alert=") }, "\(audit)")
        #expect(host.requests().contains { $0.hasPrefix("GET /media/\(absent).opus 404") }, "\(host.requests())")
        #expect(!Self.mediaFiles(site).contains { $0.hasPrefix(".fetch-") }, "\(Self.mediaFiles(site))")
        await office.close()
    }

    @Test("the media host takes a PUT only over TLS from a staff certificate; GET needs none")
    func authenticatedPut() async throws {
        let pki = try TestPKI.shared()
        let host = try MediaHost(pki: pki)
        defer { host.remove() }
        let work = try TemporaryDirectory(prefix: "callhome-media-put")
        defer { work.remove() }
        let ca = pki.file("province-ca.pem")
        let name = String(repeating: "ab", count: 32)
        let bytes = Array("a file nobody may put here".utf8)

        // Refused: plain HTTP, TLS without a certificate, a site's certificate, a monitor's certificate.
        let refused: [(String, TLSClientCredentials?)] = [
            (host.url, nil),
            (host.uploadURL, try TLSClientCredentials(certificatePath: nil, keyPath: nil, caPath: ca)),
            (host.uploadURL, try TLSClientCredentials(certificatePath: pki.file("xa-an-phu-uplink.pem"),
                                                      keyPath: pki.file("xa-an-phu-uplink.key"), caPath: ca)),
            (host.uploadURL, try TLSClientCredentials(certificatePath: pki.file("giam-sat.pem"),
                                                      keyPath: pki.file("giam-sat.key"), caPath: ca)),
        ]
        for (url, credentials) in refused {
            do {
                _ = try await MediaHostClient(host: url, credentials: credentials).put(bytes, sha256: name)
                Issue.record("\(url) took a PUT with \(credentials == nil ? "no TLS" : "these credentials")")
            } catch {
                #expect("\(error)".contains("answered 403"), "\(error)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: host.file(name)))
        // nginx logs a request after answering it: wait for the fourth line.
        let logged = try await Poll.until(timeout: .seconds(30)) {
            host.requests().filter { $0.hasPrefix("PUT /media/\(name).opus 403") }.count == 4
        }
        #expect(logged, "\(host.requests())")

        // The CLI: without a certificate (the CA only) refused (exit 1, the reason named); with the staff one stored, and then
        // served to anyone over plain HTTP.
        let wav = work.file("thong-bao.wav")
        try WAVWriter.write(Signals.sweep(from: 300, to: 3_000, seconds: 2, sampleRate: 48_000), to: wav,
                            sampleRate: 48_000)
        let communecast = BuiltProducts.path(of: "communecast")
        let anonymous = try ProcessRunner.run(communecast, ["media", "upload", wav, "--media-host", host.uploadURL,
                                                            "--ca", ca])
        #expect(anonymous.status == 1 && anonymous.standardError.contains("403"),
                "\(anonymous.standardOutput)\(anonymous.standardError)")
        let staff = try ProcessRunner.run(communecast, [
            "media", "upload", wav, "--media-host", host.uploadURL, "--json", "--cert", pki.file("so-tt-an-giang.pem"),
            "--key", pki.file("so-tt-an-giang.key"), "--ca", ca,
        ])
        #expect(staff.status == 0, "\(staff.standardOutput)\(staff.standardError)\n\(host.errorLog())")
        let sha = try #require(Self.object(staff)["sha256"] as? String, "\(staff.standardOutput)")
        let served = try await MediaHostClient(host: host.url).size(sha)
        let size = try FileManager.default.attributesOfItem(atPath: host.file(sha))[.size] as? Int
        #expect(served != nil && served == size, "\(host.requests())")
    }
}
