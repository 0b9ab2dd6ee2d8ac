import AudioOutput
import Foundation
import HostSystem
import YAMLSupport

/// One kind of site device (DESIGN §7): the ALSA PCM and its shape, volumes, the amplifier relay and the attention
/// tone. Profiles live in `hardware/profiles/*.yaml`; `virtual` is also built in, so a daemon with no files at all
/// still starts.
public struct HardwareProfile: Sendable, Equatable {
    /// How the amplifier is switched.
    public enum AmplifierKind: String, Sendable, Equatable {
        /// No relay: the amplifier is always on (or there is none). Switches are only logged.
        case none
        /// A relay on a GPIO line, through libgpiod (`chip`, `line`, `active_low`).
        case gpio
        /// Configured programs switch the power (`on_command`, `off_command`).
        case command
    }

    /// Profile name.
    public var name = "virtual"
    /// What this profile is for.
    public var summary = ""
    /// ALSA PCM name; `${STATE_DIR}` expands to the daemon's state directory.
    public var device = "file:FILE=${STATE_DIR}/virtual-output.wav,FORMAT=wav"
    /// Device channels; mono media is copied to each.
    public var channels = 1
    /// Requested ALSA buffer, ms.
    public var bufferMilliseconds = 200
    /// Requested ALSA period, ms.
    public var periodMilliseconds = 20
    /// Pace writes to the wall clock: automatic (null/file plugins only), always, never.
    public var pacing: ALSASink.Pacing = .automatic
    /// ALSA mixer control that sets the card's output level (`hw test` reads its range), or nil when there is none.
    public var mixerControl: String?
    /// The mixer device holding `mixerControl`; nil means the card of the PCM (`ALSAMixer.card(forPCM:)`).
    public var mixerDevice: String?
    /// Normal volume at first start, dB.
    public var volumeDB = 0.0
    /// Volume for emergency alerts, dB.
    public var emergencyVolumeDB = 0.0
    /// Amplifier relay kind.
    public var amplifier: AmplifierKind = .none
    /// Relay timing.
    public var amplifierTiming = AmplifierTiming(warmupMilliseconds: 0, holdoffSeconds: 30)
    /// Where the relay is wired, for `type: gpio`.
    public var gpioWiring: GPIOAmplifier.Wiring?
    /// The switching programs, for `type: command`.
    public var amplifierCommands: CommandAmplifier.Commands?
    /// Attention signal length, seconds.
    public var attentionToneSeconds = 8.0

    /// The built-in virtual profile.
    public init() {}

    /// The PCM name with `${STATE_DIR}` expanded.
    public func deviceName(stateDirectory: String) -> String {
        device.replacingOccurrences(of: "${STATE_DIR}", with: stateDirectory)
    }

    /// Directories searched for a profile given by name, in order.
    public static func searchPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var directories: [String] = []
        if let custom = environment["COMMUNECAST_PROFILES"] { directories.append(custom) }
        directories += ["/etc/communecast/profiles", "/usr/share/communecast/profiles"]
        let executable = ProcessArguments.executable
        // Installed under another prefix (`make install PREFIX=/usr/local`): PREFIX/bin → PREFIX/share.
        directories.append(executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/communecast/profiles").path)
        // A development checkout: .build/<config>/communecastd → hardware/profiles at the repository root.
        var root = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            root.deleteLastPathComponent()
            directories.append(root.appendingPathComponent("hardware/profiles").path)
        }
        return directories
    }

    /// Loads a profile by name (searching `searchPath()`) or by path; `virtual` falls back to the built-in one.
    public static func load(_ nameOrPath: String, searchPath: [String] = searchPath()) throws -> HardwareProfile {
        let collector = YAMLCollector()
        let profile = load(nameOrPath, searchPath: searchPath, collector: collector, unknown: { $0 })
        try collector.throwIfAny()
        return profile
    }

    /// Loads a profile as ``load(_:searchPath:)`` does, recording its problems and warnings in `collector`. For a
    /// name found nowhere, `unknown` rewrites the problem before it is recorded (the caller knows the file and line
    /// where the name was written). Returns the built-in profile when the named one has problems.
    public static func load(
        _ nameOrPath: String, searchPath: [String] = searchPath(), collector: YAMLCollector,
        unknown: (YAMLIssue) -> YAMLIssue
    ) -> HardwareProfile {
        let candidates = nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml")
            ? [nameOrPath] : searchPath.map { "\($0)/\(nameOrPath).yaml" }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate) {
            do throws(YAMLIssues) {
                return parse(try YAMLFile.read(path: candidate), file: candidate, collector: collector)
            } catch {
                error.issues.forEach(collector.add)
                return HardwareProfile()
            }
        }
        if nameOrPath == "virtual" { return HardwareProfile() }
        let known = known(searchPath: searchPath).joined(separator: ", ")
        let looked = candidates.count == 1 ? candidates[0] : candidates.joined(separator: ", ")
        collector.add(unknown(YAMLIssue(
            file: nameOrPath, line: nil, key: "hardware_profile",
            problem: "no such profile '\(nameOrPath)'; known profiles: \(known) (looked for \(looked))"
        )))
        return HardwareProfile()
    }

    /// The names of the profiles in `searchPath` and the built-in `virtual`, sorted, for messages.
    public static func known(searchPath: [String] = searchPath()) -> [String] {
        var names: Set<String> = ["virtual"]
        for directory in searchPath {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".yaml") && !file.hasPrefix(".") {
                names.insert(String(file.dropLast(".yaml".count)))
            }
        }
        return names.sorted()
    }

    /// Validates profile text, reporting every problem at once.
    public static func parse(_ text: String, file: String) throws -> HardwareProfile {
        let collector = YAMLCollector()
        let profile = parse(text, file: file, collector: collector)
        try collector.throwIfAny()
        return profile
    }

    /// Reads profile text, recording its problems and warnings in `collector`.
    static func parse(_ text: String, file: String, collector: YAMLCollector) -> HardwareProfile {
        let root = YAMLMap.parse(text, file: file, collector: collector)
        var profile = HardwareProfile()
        profile.name = root.string("name", default: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
        profile.summary = root.string("description", default: "")
        let pcm = root.map("pcm")
        profile.device = pcm.string("device", default: profile.device)
        profile.channels = pcm.int("channels", default: 1, in: 1...8, unit: "channels")
        profile.bufferMilliseconds = pcm.int("buffer_ms", default: 200, in: 20...2_000, unit: "ms")
        profile.periodMilliseconds = pcm.int("period_ms", default: 20, in: 5...500, unit: "ms")
        if profile.bufferMilliseconds < 2 * profile.periodMilliseconds {
            pcm.report("buffer_ms", "\(profile.bufferMilliseconds) ms holds fewer than two periods of "
                       + "\(profile.periodMilliseconds) ms (period_ms); ALSA needs at least two, and about 200 ms "
                       + "rides out a busy moment", at: pcm.node("buffer_ms") ?? pcm.node("period_ms"))
        }
        switch pcm.choice("pace", default: "auto", from: ["auto", "always", "never"]) {
        case "always": profile.pacing = .always
        case "never": profile.pacing = .never
        default: profile.pacing = .automatic
        }
        pcm.finish()
        let mixer = root.map("mixer")
        profile.mixerControl = mixer.string("control")
        profile.mixerDevice = mixer.string("device")
        profile.volumeDB = mixer.double("volume_db", default: 0, in: -60...12, unit: "dB")
        profile.emergencyVolumeDB = mixer.double("emergency_volume_db", default: 0, in: -60...12, unit: "dB")
        if profile.emergencyVolumeDB < profile.volumeDB {
            mixer.warn("emergency_volume_db", String(format: "%g dB is below the normal volume_db %g dB: emergency "
                                                     + "alerts would be quieter than routine programmes",
                                                     profile.emergencyVolumeDB, profile.volumeDB),
                       at: mixer.node("emergency_volume_db"))
        }
        mixer.finish()
        parseAmplifier(root.map("amplifier"), into: &profile)
        let tone = root.map("attention_tone")
        profile.attentionToneSeconds = tone.double("seconds", default: 8, in: 0...60, unit: "seconds")
        tone.finish()
        root.finish()
        return profile
    }
}
