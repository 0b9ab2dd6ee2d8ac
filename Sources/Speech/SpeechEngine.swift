import CEspeakNG
import HostSystem
import Synchronization

/// The one owner of espeak-ng in the process. The library keeps its voice, parameters and output buffers in
/// globals, so every call into it (initialisation, voice listing, synthesis) happens inside this owner's `Mutex`:
/// synthesis from several threads is serialised here, one text at a time, on the calling thread (espeak-ng's
/// synchronous mode makes no thread of its own). A whole bulletin takes a fraction of a second, so the wait is short.
public final class SpeechEngine: Sendable {
    /// The process's engine; espeak-ng cannot have two.
    public static let shared = SpeechEngine()

    /// What the library told us once it was initialised, and its functions.
    struct Facts: Sendable {
        var espeak: communecast_espeak
        var sampleRate: Int
        var version: String
        var voices: [String]
    }

    private let state = Mutex<Facts?>(nil)

    /// espeak-ng, opened by the first text spoken in the process (CEspeakNG/shim.h).
    private static let library: Result<communecast_espeak, SpeechError> = OnDemandLibrary.open(communecast_espeak_load)
        .mapError { .engineUnavailable(reason: $0.reason) }

    private init() {}

    /// The rate espeak-ng synthesises at, Hz (22 050 with the standard voices).
    public var sampleRate: Int {
        get throws(SpeechError) { try facts().sampleRate }
    }

    /// espeak-ng's version, part of the render cache key: a new version may speak differently.
    public var version: String {
        get throws(SpeechError) { try facts().version }
    }

    /// The installed Vietnamese voices, e.g. `vi`, `vi-vn-x-central`, `vi-vn-x-south`.
    public var vietnameseVoices: [String] {
        get throws(SpeechError) { try facts().voices }
    }

    /// Synthesises `text` (already normalised) with `voice` at `rate` words per minute; mono samples at
    /// `sampleRate`. The lock is held for the whole synthesis.
    public func synthesize(_ text: String, voice: String, rate: Int) throws(SpeechError) -> [Float] {
        let result: Result<[Float], SpeechError> = state.withLock { facts in
            do throws(SpeechError) {
                let known = try Self.initialise(&facts)
                guard known.voices.contains(voice) else {
                    throw SpeechError.voiceNotInstalled(voice: voice, installed: known.voices)
                }
                let espeak = known.espeak
                try Self.check(espeak.espeak_ng_SetVoiceByName(voice), "selecting the voice '\(voice)'", espeak)
                try Self.check(espeak.espeak_ng_SetParameter(espeakRATE, Int32(rate), 0), "setting the rate", espeak)
                let collector = SampleCollector()
                let bytes = Array(text.utf8CString)
                let status = withExtendedLifetime(collector) {
                    bytes.withUnsafeBufferPointer { buffer in
                        espeak.espeak_ng_Synthesize(buffer.baseAddress, buffer.count, 0, POS_CHARACTER, 0,
                                                    UInt32(espeakCHARS_UTF8), nil, Unmanaged.passUnretained(collector)
                                                        .toOpaque())
                    }
                }
                try Self.check(status, "synthesising", espeak)
                try Self.check(espeak.espeak_ng_Synchronize(), "finishing the synthesis", espeak)
                return .success(collector.samples)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func facts() throws(SpeechError) -> Facts {
        let result: Result<Facts, SpeechError> = state.withLock { facts in
            do throws(SpeechError) { return .success(try Self.initialise(&facts)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Opens and initialises espeak-ng once (called with the lock held) and learns its rate, version and voices.
    private static func initialise(_ facts: inout Facts?) throws(SpeechError) -> Facts {
        if let facts { return facts }
        let espeak = try library.get()
        try start(espeak)
        let version = espeak.espeak_Info(nil).map { String(cString: $0) } ?? "unknown"
        let found = Facts(espeak: espeak, sampleRate: Int(espeak.espeak_ng_GetSampleRate()), version: version,
                          voices: listVietnameseVoices(espeak))
        facts = found
        return found
    }

    /// Initialises the library.
    private static func start(_ espeak: communecast_espeak) throws(SpeechError) {
        espeak.espeak_ng_InitializePath(nil)
        var context: espeak_ng_ERROR_CONTEXT?
        let status = espeak.espeak_ng_Initialize(&context)
        if context != nil { espeak.espeak_ng_ClearErrorContext(&context) }
        try check(status, "initialising espeak-ng (is espeak-ng-data installed?)", espeak)
        try check(espeak.espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nil), "opening synthesis output",
                  espeak)
        espeak.espeak_SetSynthCallback { samples, count, events in
            guard let user = events?.pointee.user_data, let samples, count > 0 else { return 0 }
            Unmanaged<SampleCollector>.fromOpaque(user).takeUnretainedValue()
                .append(UnsafeBufferPointer(start: samples, count: Int(count)))
            return 0
        }
    }

    /// The language names of installed voices whose language is Vietnamese.
    private static func listVietnameseVoices(_ espeak: communecast_espeak) -> [String] {
        guard let list = espeak.espeak_ListVoices(nil) else { return [] }
        var names: [String] = []
        var index = 0
        while let voice = list[index] {
            index += 1
            // `languages` is a list of (priority byte, NUL-terminated name) pairs, ended by a zero priority.
            guard var cursor = voice.pointee.languages else { continue }
            while cursor.pointee != 0 {
                let name = String(cString: cursor + 1)
                if name == "vi" || name.hasPrefix("vi-") { names.append(name) }
                cursor += 1 + name.utf8.count + 1
            }
        }
        return names.sorted()
    }

    private static func check(_ status: espeak_ng_STATUS, _ action: String,
                              _ espeak: communecast_espeak) throws(SpeechError) {
        guard status != ENS_OK else { return }
        var buffer = [CChar](repeating: 0, count: 512)
        espeak.espeak_ng_GetStatusCodeMessage(status, &buffer, buffer.count)
        let message = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        throw SpeechError.engine(action: action, message: message)
    }
}

/// Receives espeak-ng's 16-bit samples through its callback during one synthesis.
final class SampleCollector {
    private(set) var samples: [Float] = []

    /// Appends samples converted to [-1, 1]. No `reserveCapacity` per chunk: exact reservations would copy the
    /// whole buffer on every callback; the array's own doubling keeps appending linear.
    func append(_ chunk: UnsafeBufferPointer<Int16>) {
        samples.append(contentsOf: chunk.lazy.map { Float($0) / 32_768 })
    }
}
