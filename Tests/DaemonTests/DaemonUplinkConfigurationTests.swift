import CommuneCastTesting
import Foundation
import Testing

/// The `uplink:` section (issue 15) as `--check-config` reads it: a good one summarised, and each mistake refused
/// with the file and the key named.
@Suite("communecastd --check-config with an uplink")
struct DaemonUplinkConfigurationTests {
    static var daemon: String { BuiltProducts.path(of: "communecastd") }

    /// Writes `yaml` (after the site's name) as a configuration and runs `--check-config` on it.
    private static func check(_ yaml: String, in directory: TemporaryDirectory) throws -> ProcessRunner.Output {
        let file = directory.file("communecastd.yaml")
        try ("site:\n  name: xa-an-phu\n" + yaml).write(toFile: file, atomically: true, encoding: .utf8)
        return try ProcessRunner.run(Self.daemon, ["--check-config", "--config", file])
    }

    /// A directory with `trust/` holding xa-an-phu's uplink certificate and key and the provincial CA.
    private static func trustDirectory() throws -> TemporaryDirectory {
        let pki = try TestPKI.shared()
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("trust"), withIntermediateDirectories: true)
        for name in ["xa-an-phu-uplink.pem", "xa-an-phu-uplink.key", "province-ca.pem"] {
            try FileManager.default.copyItem(atPath: pki.file(name), toPath: directory.file("trust/\(name)"))
        }
        return directory
    }

    @Test("a good uplink: section is summarised, with paths relative to the file and the group all added")
    func summary() throws {
        let directory = try Self.trustDirectory()
        defer { directory.remove() }
        let result = try Self.check("""
            uplink:
              brokers: ["mqtts://mqtt.angiang.example:8883", "mqtts://10.20.0.3"]
              cert: trust/xa-an-phu-uplink.pem
              key: trust/xa-an-phu-uplink.key
              ca: trust/province-ca.pem
              groups: [p-89, c-30316]
              will_delay_s: 30
              health_interval_s: 120
              media_host: https://media.angiang.example/cc
            """, in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let line = result.standardOutput.split(separator: "\n").first { $0.hasPrefix("uplink ") } ?? ""
        #expect(line.contains("mqtts://mqtt.angiang.example:8883, mqtts://10.20.0.3:8883 as xa-an-phu"), "\(line)")
        #expect(line.contains("cert \(directory.file("trust/xa-an-phu-uplink.pem"))"), "\(line)")
        #expect(line.contains("groups [p-89, c-30316, all]") && line.contains("will delay 30 s")
                && line.contains("health every 120 s"), "\(line)")
        #expect(line.contains("media from https://media.angiang.example/cc/media/SHA256.opus"), "\(line)")

        let none = try Self.check("", in: directory)
        #expect(none.status == 0 && none.standardOutput.contains("uplink off (no uplink.brokers)"),
                "\(none.standardOutput)\(none.standardError)")
    }

    @Test("each mistake is refused naming the file and the key", arguments: [
        ("brokers: [\"http://mqtt.example\"]", "uplink.brokers", "must start with mqtts://"),
        ("brokers: [\"mqtts://mqtt.example:99999\"]", "uplink.brokers", "not a number from 1 to 65535"),
        ("brokers: [\"mqtts://m\"]\n  groups: [\"a/b\"]", "uplink.groups", "'a/b' is not a group id"),
        ("brokers: [\"mqtts://m\"]\n  will_delay_s: -1", "uplink.will_delay_s", "out of range"),
        ("brokers: [\"mqtts://m\"]\n  cert: trust/xa-an-phu-uplink.pem", "uplink.key", "also needs"),
        ("brokers: [\"mqtts://m\"]\n  cert: trust/missing.pem\n  key: trust/xa-an-phu-uplink.key\n"
            + "  ca: trust/province-ca.pem", "uplink.cert", "missing.pem"),
        ("cert: trust/xa-an-phu-uplink.pem", "uplink.cert", "without uplink.brokers"),
        ("brokers: [\"mqtts://m\"]\n  bogus: 1", "uplink.bogus", "unknown key"),
        ("brokers: [\"mqtts://m\"]\n  media_host: ftp://media.example", "uplink.media_host", "not a media host"),
        ("media_host: \"https://media.example/?x=1\"", "uplink.media_host", "give its base URL"),
    ])
    func mistakes(yaml: String, key: String, words: String) throws {
        let directory = try Self.trustDirectory()
        defer { directory.remove() }
        let result = try Self.check("uplink:\n  \(yaml)\n", in: directory)
        #expect(result.status == 1, "\(result.standardOutput)")
        #expect(result.standardError.contains(directory.file("communecastd.yaml")), "\(result.standardError)")
        #expect(result.standardError.contains(key) && result.standardError.contains(words), "\(result.standardError)")
    }
}
