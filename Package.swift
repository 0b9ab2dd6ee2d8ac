// swift-tools-version:6.1
import PackageDescription

/// Every target of ours builds with the same settings: Swift 6 language mode, and in CI (`CI` set) warnings as errors
/// (applied to our targets only, since dependencies are built with their warnings suppressed). `swift5Settings` is
/// for the targets that cannot move yet; docs/architecture.md says which and why.
let warnings: [SwiftSetting] = Context.environment["CI"] == nil ? [] : [.unsafeFlags(["-warnings-as-errors"])]
let swiftSettings: [SwiftSetting] = warnings
let swift5Settings: [SwiftSetting] = warnings + [.swiftLanguageMode(.v5)]
/// libxml2's and xmlsec1's headers include each other from the folders pkg-config names. The two wrappers do not use
/// pkg-config, whose flags would also link both libraries (and OpenSSL and ICU behind them) into every binary: CAP
/// intake opens them at the first parse (CDynamic/dynamic.h). So CAPIntake and the targets importing it name the
/// folders here (Debian's, as `pkg-config --cflags xmlsec1-openssl` gives them).
let xmlHeaderSettings: [SwiftSetting] = [
    .unsafeFlags(["-Xcc", "-I/usr/include/libxml2", "-Xcc", "-I/usr/include/xmlsec1"]),
]

let package = Package(
    name: "CommuneCast",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "communecast", targets: ["communecast"]),
        .executable(name: "communecastd", targets: ["communecastd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Thin wrappers around the Debian -dev packages (DESIGN §2). No logic lives here.
        .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .systemLibrary(name: "COpus", pkgConfig: "opus", providers: [.apt(["libopus-dev"])]),
        .systemLibrary(name: "COpusEnc", pkgConfig: "libopusenc", providers: [.apt(["libopusenc-dev"])]),
        .systemLibrary(name: "COpusFile", pkgConfig: "opusfile", providers: [.apt(["libopusfile-dev"])]),
        .systemLibrary(name: "COgg", pkgConfig: "ogg", providers: [.apt(["libogg-dev"])]),
        .systemLibrary(name: "CSpeexDSP", pkgConfig: "speexdsp", providers: [.apt(["libspeexdsp-dev"])]),
        .systemLibrary(name: "CEBUR128", pkgConfig: "libebur128", providers: [.apt(["libebur128-dev"])]),
        .systemLibrary(name: "CGPIOD", pkgConfig: "libgpiod", providers: [.apt(["libgpiod-dev"])]),
        .systemLibrary(name: "CLinux"),
        // libmosquitto's headers only: Uplink opens the library when the first client is made (CDynamic/dynamic.h).
        .systemLibrary(name: "CMosquitto", providers: [.apt(["libmosquitto-dev"])]),
        // CAP intake (issue 17): libxml2 parses, xmlsec1 (OpenSSL) verifies XML signatures; CAPIntake owns both and
        // opens them at the first parse (headers only here: `xmlHeaderSettings`).
        .systemLibrary(name: "CLibXML2", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CXMLSec", providers: [.apt(["libxmlsec1-dev"])]),
        // libshout's and espeak-ng's headers only: LiveBroadcast and Speech open the libraries when first needed
        // (CDynamic/dynamic.h), so no pkg-config (its flags would link them into every binary).
        .systemLibrary(name: "CShout", providers: [.apt(["libshout3-dev"])]),
        .systemLibrary(name: "CEspeakNG", providers: [.apt(["libespeak-ng-dev"])]),
        // What the daemon and the CLI need from the Linux host: the wall-clock timer, clock synchronisation, atomic
        // file writes, the process's arguments and the default socket path. The one owner of CLinux.
        .target(name: "HostSystem", dependencies: ["CLinux"], swiftSettings: swiftSettings),
        // FFmpeg's headers only: MediaImport opens the libraries when a file needs them (CFFmpeg/shim.h), so no
        // pkg-config (its flags would link them into every binary) and no `link` in the module map.
        .systemLibrary(
            name: "CFFmpeg",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libavutil-dev", "libswresample-dev"])]
        ),

        .target(
            name: "AudioCodec",
            dependencies: [
                "COpus", "COpusEnc", "COpusFile", "COgg", "CSpeexDSP", "CEBUR128", "HostSystem",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Text to speech (issue 16): Vietnamese normalisation and espeak-ng, for the CLI and the daemon (text content).
        .target(
            name: "Speech",
            dependencies: [
                "AudioCodec", "CEspeakNG", "HostSystem", "YAMLSupport", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("abbreviations.yaml")],
            swiftSettings: swiftSettings
        ),
        // Import of any audio a phone or vendor makes, through FFmpeg's libraries: the CLI only, never the daemon.
        .target(
            name: "MediaImport", dependencies: ["AudioCodec", "CFFmpeg", "HostSystem"], swiftSettings: swiftSettings
        ),
        .target(
            name: "AudioOutput",
            dependencies: ["CALSA", "CGPIOD", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // Issue 18: reading Icecast mounts (Ogg Opus over HTTP/HTTPS) into a jitter buffer the audio thread pulls from,
        // with failover across URLs and a fallback: the Playout engine's source for relays.
        .target(
            name: "StreamInput",
            dependencies: [
                "AudioCodec", "BroadcastModel", "HostSystem", "HTTPClientChannel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Issue 18: `communecast live`: capture, level, encode low-delay Ogg Opus and send it to Icecast (libshout).
        .target(
            name: "LiveBroadcast",
            dependencies: [
                "AudioCodec", "AudioOutput", "CShout", "HostSystem", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SiteHardware",
            dependencies: ["AudioOutput", "HostSystem", "YAMLSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Playout",
            dependencies: [
                "AudioCodec", "AudioOutput", "BroadcastModel", "HostSystem", "StreamInput",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "communecast",
            dependencies: [
                "AudioCodec", "AudioOutput", "Playout", "ControlProtocol", "Fleet", "ScheduleFormat", "YAMLSupport",
                "SiteHardware", "AlertTrust", "Speech", "MediaImport", "HostSystem", "BroadcastModel", "CAPIntake",
                "LiveBroadcast", "Uplink",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings + xmlHeaderSettings
        ),
        // The broadcast vocabulary (issue 13): level, preempt policy, status, shared by every module. Pure.
        .target(name: "BroadcastModel", swiftSettings: swiftSettings),
        .target(name: "ControlProtocol", dependencies: ["BroadcastModel"], swiftSettings: swiftSettings),
        // Signed alert envelopes (issue 14): parsing, signing, the site's verifier and the replay state machine.
        // Pure: no sockets, no SQLite; the daemon supplies the ACL lookup, the clock and the replay store.
        .target(
            name: "AlertTrust",
            dependencies: [
                "BroadcastModel", "ControlProtocol",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),
        // CAP 1.2 intake (issue 17), for the CLI only: strict XML, pinned XML signatures, and the policy that maps a
        // warning onto a signed alert. No sockets: the CLI fetches feeds and resources through Fleet.
        .target(
            name: "CAPIntake",
            dependencies: [
                "CLibXML2", "CXMLSec", "BroadcastModel", "AlertTrust", "ControlProtocol", "HostSystem", "YAMLSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings + xmlHeaderSettings
        ),
        .executableTarget(name: "alert-trust-bench", dependencies: ["AlertTrust"], swiftSettings: swiftSettings),
        .target(
            name: "Store",
            dependencies: [
                "BroadcastModel", "ControlProtocol", "AlertTrust", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "YAMLSupport", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: swiftSettings
        ),
        .target(
            name: "Daemon",
            dependencies: [
                "AudioCodec", "AudioOutput", "Playout", "Store", "ControlProtocol", "ControlServer", "YAMLSupport",
                "HostSystem", "Scheduling", "ScheduleFormat", "SiteHardware", "Speech", "AlertTrust", "BroadcastModel",
                "Uplink", "StreamInput", "HTTPClientChannel", .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "communecastd",
            dependencies: ["Daemon", "HostSystem", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CommuneCastTesting",
            dependencies: ["AudioCodec", "AudioOutput", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(name: "Scheduling", dependencies: ["BroadcastModel"], swiftSettings: swiftSettings),
        .target(name: "FuzzRegressions", swiftSettings: swiftSettings),
        .target(
            name: "ScheduleFormat", dependencies: ["BroadcastModel", "Scheduling", "YAMLSupport"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "rrule-bench", dependencies: ["Scheduling"], swiftSettings: swiftSettings),
        // Issue 13: the hand-written JSON stack against Foundation's coders (BENCHMARKS.md, "Issue 13: JSON").
        .executableTarget(name: "json-bench", dependencies: ["ControlProtocol"], swiftSettings: swiftSettings),
        // One HTTP/1.1 client connection (TCP, TLS, framing) for the office's fetcher and the site's media download.
        .target(
            name: "HTTPClientChannel",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // PEM certificates and keys for NIOSSL, read once for the site's listener and the office's client.
        .target(
            name: "PEMFiles", dependencies: [.product(name: "NIOSSL", package: "swift-nio-ssl")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ControlServer",
            dependencies: [
                "ControlProtocol", "HostSystem", "PEMFiles",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The call-home client (issue 15): libmosquitto driven from one dedicated thread, the topic scheme, the
        // site's presence and events. Used by the daemon (stage 2) and by Fleet for the province's side.
        .target(
            name: "Uplink",
            dependencies: [
                "CMosquitto", "HostSystem",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "uplink-probe",
            dependencies: ["Uplink", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Fleet",
            dependencies: [
                "ControlProtocol", "YAMLSupport", "PEMFiles", "Uplink", "HTTPClientChannel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "AudioCodecTests", dependencies: ["FuzzRegressions", "AudioCodec", "CommuneCastTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SpeechTests", dependencies: ["Speech", "AudioCodec", "CommuneCastTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MediaImportTests", dependencies: ["MediaImport", "AudioCodec", "CommuneCastTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ControlProtocolTests", dependencies: ["FuzzRegressions", "BroadcastModel", "ControlProtocol"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ControlServerTests",
            dependencies: [
                "ControlServer", "Fleet", "ControlProtocol", "CommuneCastTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AudioOutputTests",
            dependencies: [
                "AudioOutput", "AudioCodec", "Playout", "CommuneCastTesting",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SiteHardwareTests", dependencies: ["SiteHardware"], swiftSettings: swiftSettings),
        .testTarget(name: "BroadcastModelTests", dependencies: ["BroadcastModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PEMFilesTests", dependencies: ["PEMFiles", "CommuneCastTesting"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HTTPClientChannelTests", dependencies: ["HTTPClientChannel"], swiftSettings: swiftSettings
        ),
        .testTarget(
            // CShout only for the loader all on-demand wrappers include (CDynamic/dynamic.h), which it carries.
            name: "HostSystemTests", dependencies: ["HostSystem", "CShout", "CommuneCastTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlayoutTests",
            dependencies: [
                "Playout", "AudioOutput", "BroadcastModel", "CommuneCastTesting",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["communecast", "AudioCodec", "AlertTrust", "CommuneCastTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "communecastd", "communecast", "Daemon", "CommuneCastTesting", "AlertTrust", "Uplink", "Fleet",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StoreTests", dependencies: ["BroadcastModel", "Store", "ControlProtocol", "AlertTrust"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "UplinkTests",
            dependencies: ["Uplink", "Fleet", "CommuneCastTesting", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AlertTrustTests",
            dependencies: [
                "AlertTrust", "BroadcastModel", "ControlProtocol", "CommuneCastTesting",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CAPIntakeTests",
            dependencies: ["CAPIntake", "AlertTrust", "BroadcastModel", "ControlProtocol", "CommuneCastTesting"],
            swiftSettings: swiftSettings + xmlHeaderSettings
        ),
        .testTarget(
            name: "DaemonUnitTests",
            dependencies: [
                "FuzzRegressions", "Daemon", "Playout", .product(name: "Logging", package: "swift-log"), "SiteHardware",
                "BroadcastModel", "ControlProtocol", "ControlServer", "Scheduling", "Store", "StreamInput",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiveTests",
            dependencies: [
                "communecast", "LiveBroadcast", "StreamInput", "Playout", "AudioCodec", "AudioOutput",
                "CommuneCastTesting",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swift5Settings
        ),
        .testTarget(
            name: "SchedulingTests",
            dependencies: ["FuzzRegressions", "BroadcastModel", "Scheduling", "ScheduleFormat"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets (FUZZING.md), declared only when `make fuzz` sets COMMUNECAST_FUZZ: they link only with
// `-sanitize=fuzzer`, so the ordinary build and `make test` never see them.
if Context.environment["COMMUNECAST_FUZZ"] != nil {
    let fuzzTargets: [(name: String, dependency: String)] = [
        ("FuzzVarlink", "ControlProtocol"), ("FuzzWAV", "AudioCodec"),
        ("FuzzSchedule", "ScheduleFormat"), ("FuzzConfiguration", "Daemon"),
    ]
    package.targets.append(.systemLibrary(name: "CLibFuzzer", path: "Fuzz/Sources/CLibFuzzer"))
    for (name, dependency) in fuzzTargets {
        package.products.append(.executable(name: name, targets: [name]))
        package.targets.append(
            .executableTarget(
                name: name, dependencies: ["CLibFuzzer", "FuzzRegressions", .target(name: dependency)],
                path: "Fuzz/Sources/\(name)",
                swiftSettings: swiftSettings
            )
        )
    }
}
