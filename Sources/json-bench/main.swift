import ControlProtocol
import Foundation

// json-bench (issue 13): ControlProtocol's JSON stack (the strict parser, JSONValue tree, tree decoder and writer;
// encoding goes through Foundation's JSONEncoder and the parser since issue 13 §5) against Foundation's
// JSONEncoder/JSONDecoder and JSONSerialization, in the same process and run, on the two
// workloads the control server lives on: the GetHealth round trip (call encoded by the client, parsed and decoded by
// the server, reply encoded by the server, parsed and decoded by the client) and a 16 MiB UploadMedia call (encoded
// by the client, parsed and decoded by the server). Both sides produce and accept the same wire text; each result is
// checked against the value it started from, outside the timed part.

/// A varlink call as Foundation's coders see it.
struct FoundationCall<Parameters: Codable>: Codable {
    /// The method's full name.
    var method: String
    /// The typed parameters.
    var parameters: Parameters
}

/// The first thing a server needs from a call: which method, to choose the parameters' type.
struct FoundationMethodName: Decodable {
    /// The method's full name.
    var method: String
}

/// A varlink reply as Foundation's coders see it.
struct FoundationReply<Parameters: Codable>: Codable {
    /// The typed reply parameters.
    var parameters: Parameters
}

/// Reports a benchmark problem on standard error and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("json-bench: \(message)\n".utf8))
    exit(1)
}

/// The median seconds of `rounds` timings of `iterations` runs of `body`, per run.
func measure(rounds: Int, iterations: Int, _ body: () throws -> Void) rethrows -> Double {
    var timings: [Double] = []
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        for _ in 0..<iterations { try body() }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        timings.append(seconds / Double(iterations))
    }
    return timings.sorted()[timings.count / 2]
}

let at = "2026-11-23T05:30:00+07:00"
let sha = String(repeating: "ab", count: 32)
let health = Site.Health(
    version: "0.1.0", uptimeS: 86_400, site: "xa-tam-ky", commune: "20311",
    device: .init(state: .ok, name: "hw:CARD=Device,DEV=0", lastError: nil, underruns: 2),
    nowPlaying: .init(media: sha, name: "ban-tin-sang", level: .normal, positionS: 12.25, durationS: 312.5,
                      source: "schedule:sang"),
    queue: [.init(media: sha, name: "nhac", level: .priority, source: "play:7", due: at)],
    volumeDb: -6, emergencyVolumeDb: 0, amplifier: .init(on: true, error: nil), mediaCount: 12,
    mediaBytes: 1_234_567_890_123, diskFreeBytes: 9_000_000_000, databaseOk: true, clockSynchronized: true,
    lastAlert: .init(id: "QN-2026-11-23-01", outcome: .cancelled, at: at, state: .cancelled, aired: 1, repeat: 3),
    temperatureC: 51.5, scheduleWarnings: []
)
let healthReply = Site.GetHealth.Reply(health: health)
let encoder = JSONEncoder()
let decoder = JSONDecoder()

// GetHealth, ours: exactly the calls the client (Fleet) and the server (ControlServer, Daemon) make.
func oursHealthRoundTrip() throws -> Site.GetHealth.Reply {
    let callBytes = try VarlinkCall(Site.GetHealth.self, .init()).encoded()
    let call = try VarlinkCall(decoding: callBytes)
    _ = try call.decodeParameters(for: Site.GetHealth.self)
    let replyBytes = try VarlinkReply(Site.GetHealth.self, healthReply).encoded()
    return try VarlinkReply(decoding: replyBytes).decodeParameters(for: Site.GetHealth.self)
}

// GetHealth, Foundation: the server reads the method name first, then the typed parameters (two passes).
func foundationHealthRoundTrip() throws -> Site.GetHealth.Reply {
    let callBytes = try encoder.encode(FoundationCall(method: Site.GetHealth.name,
                                                      parameters: Site.GetHealth.Parameters()))
    _ = try decoder.decode(FoundationMethodName.self, from: callBytes)
    _ = try decoder.decode(FoundationCall<Site.GetHealth.Parameters>.self, from: callBytes)
    let replyBytes = try encoder.encode(FoundationReply(parameters: healthReply))
    return try decoder.decode(FoundationReply<Site.GetHealth.Reply>.self, from: replyBytes).parameters
}

// The upload: about 12 MiB of audio, 16 MiB once in base64, the largest call the server takes.
var audio = [UInt8](repeating: 0, count: 12 * 1024 * 1024 - 1024)
var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
for index in audio.indices {
    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    audio[index] = UInt8(truncatingIfNeeded: seed >> 56)
}
let upload = Site.UploadMedia.Parameters(name: "ban-tin-sang", data: Data(audio).base64EncodedString())

func oursUpload() throws -> Site.UploadMedia.Parameters {
    let bytes = try VarlinkCall(Site.UploadMedia.self, upload).encoded()
    return try VarlinkCall(decoding: bytes).decodeParameters(for: Site.UploadMedia.self)
}

func foundationUpload() throws -> Site.UploadMedia.Parameters {
    let bytes = try encoder.encode(FoundationCall(method: Site.UploadMedia.name, parameters: upload))
    _ = try decoder.decode(FoundationMethodName.self, from: bytes)
    return try decoder.decode(FoundationCall<Site.UploadMedia.Parameters>.self, from: bytes).parameters
}

do {
    guard try oursHealthRoundTrip() == healthReply, try foundationHealthRoundTrip() == healthReply else {
        fail("a GetHealth round trip changed the reply")
    }
    guard try oursUpload() == upload, try foundationUpload() == upload else { fail("an upload changed its data") }
    let replyBytes = try VarlinkReply(Site.GetHealth.self, healthReply).encoded()
    let uploadBytes = try VarlinkCall(Site.UploadMedia.self, upload).encoded()
    let replyData = Data(replyBytes), uploadData = Data(uploadBytes)

    let rows: [(String, Double, Double)] = [
        ("GetHealth round trip (typed, both ends)",
         try measure(rounds: 7, iterations: 5_000) { _ = try oursHealthRoundTrip() },
         try measure(rounds: 7, iterations: 5_000) { _ = try foundationHealthRoundTrip() }),
        ("GetHealth reply: typed encode",
         try measure(rounds: 7, iterations: 10_000) {
             _ = try VarlinkReply(Site.GetHealth.self, healthReply).encoded()
         },
         try measure(rounds: 7, iterations: 10_000) {
             _ = try encoder.encode(FoundationReply(parameters: healthReply))
         }),
        ("GetHealth reply: typed decode",
         try measure(rounds: 7, iterations: 10_000) {
             _ = try VarlinkReply(decoding: replyBytes).decodeParameters(for: Site.GetHealth.self)
         },
         try measure(rounds: 7, iterations: 10_000) {
             _ = try decoder.decode(FoundationReply<Site.GetHealth.Reply>.self, from: replyData)
         }),
        ("GetHealth reply: parse to a tree only",
         try measure(rounds: 7, iterations: 20_000) { _ = try JSONParser().parse(replyBytes) },
         try measure(rounds: 7, iterations: 20_000) { _ = try JSONSerialization.jsonObject(with: replyData) }),
        ("16 MiB UploadMedia: encode, parse, decode",
         try measure(rounds: 5, iterations: 2) { _ = try oursUpload() },
         try measure(rounds: 5, iterations: 2) { _ = try foundationUpload() }),
        ("16 MiB UploadMedia: parse to a tree only",
         try measure(rounds: 5, iterations: 2) { _ = try JSONParser().parse(uploadBytes) },
         try measure(rounds: 5, iterations: 2) { _ = try JSONSerialization.jsonObject(with: uploadData) }),
    ]
    print("reply \(replyBytes.count) bytes, upload \(uploadBytes.count) bytes")
    print("| workload | ours | Foundation | Foundation ÷ ours |")
    print("|---|---:|---:|---:|")
    for (name, ours, foundation) in rows {
        func shown(_ seconds: Double) -> String {
            seconds < 1e-3 ? String(format: "%.1f µs", seconds * 1e6) : String(format: "%.1f ms", seconds * 1e3)
        }
        print("| \(name) | \(shown(ours)) | \(shown(foundation)) | \(String(format: "%.2f×", foundation / ours)) |")
    }
} catch {
    fail("\(error)")
}
