// swift-tools-version:6.1
import PackageDescription

/// Every Swift target builds with the same settings; CI adds `-warnings-as-errors` on the command line.
let swiftSettings: [SwiftSetting] = []

let package = Package(
    name: "CommuneCast",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "communecast", targets: ["communecast"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Thin wrappers around the Debian -dev packages (DESIGN §2). No logic lives here.
        .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .systemLibrary(name: "COpus", pkgConfig: "opus", providers: [.apt(["libopus-dev"])]),
        .systemLibrary(name: "COpusEnc", pkgConfig: "libopusenc", providers: [.apt(["libopusenc-dev"])]),
        .systemLibrary(name: "COpusFile", pkgConfig: "opusfile", providers: [.apt(["libopusfile-dev"])]),
        .systemLibrary(name: "CSpeexDSP", pkgConfig: "speexdsp", providers: [.apt(["libspeexdsp-dev"])]),
        .systemLibrary(name: "CEBUR128", pkgConfig: "libebur128", providers: [.apt(["libebur128-dev"])]),

        .target(
            name: "AudioCodec",
            dependencies: [
                "COpus", "COpusEnc", "COpusFile", "CSpeexDSP", "CEBUR128",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "AudioOutput", dependencies: ["CALSA"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "communecast",
            dependencies: [
                "AudioCodec", "AudioOutput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "CommuneCastTesting", dependencies: ["AudioCodec"], swiftSettings: swiftSettings),
        .target(name: "Scheduling", swiftSettings: swiftSettings),
        .executableTarget(name: "rrule-bench", dependencies: ["Scheduling"], swiftSettings: swiftSettings),

        .testTarget(name: "AudioCodecTests", dependencies: ["AudioCodec", "CommuneCastTesting"]),
        .testTarget(name: "AudioOutputTests", dependencies: ["AudioOutput", "AudioCodec", "CommuneCastTesting"]),
        .testTarget(
            name: "CLITests",
            dependencies: ["communecast", "AudioCodec", "CommuneCastTesting"]
        ),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"]),
    ],
    swiftLanguageModes: [.v5]
)
