import AudioCodec
import Foundation

/// Walks a captured broadcast piece by piece, in the order it must have aired, and notes the first sample of each
/// piece that is not what it should be. A capture that walks to its end with no problem noted contains nothing
/// else: no repeated stretch, no stray period, no gap.
public struct CaptureWalk {
    /// Two 16-bit steps: the device's rounding and the float arithmetic of a fade.
    public static let tolerance: Float = 2.0 / 32_768

    /// The captured samples, mono.
    public let capture: [Float]
    /// Where the next piece must start.
    public private(set) var index = 0
    /// One line per piece that did not match, naming it and the first wrong frame.
    public private(set) var problems: [String] = []

    /// Starts at the capture's first frame.
    public init(_ capture: [Float]) { self.capture = capture }

    /// Frames of the capture not walked yet.
    public var remaining: Int { capture.count - index }

    /// Expects `expected` next, each frame multiplied by `gain(frame)`, and moves past it.
    public mutating func expect(_ expected: ArraySlice<Float>, _ label: String, gain: (Int) -> Float = { _ in 1 }) {
        guard expected.count <= remaining else {
            problems.append("\(label): \(expected.count) frames expected at \(index), only \(remaining) left")
            index = capture.count
            return
        }
        for (offset, value) in expected.enumerated() {
            let want = min(32_767 / 32_768, max(-1, value * gain(offset)))
            let got = capture[index + offset]
            if abs(got - want) > Self.tolerance {
                problems.append("\(label): frame \(offset) (capture \(index + offset)) is \(got), expected \(want)")
                break
            }
        }
        index += expected.count
    }

    /// Expects a copy of `shape` at some gain next (the engine renders the attention signal at the broadcast
    /// loudness); returns the gain it found.
    @discardableResult
    public mutating func expectScaled(_ shape: [Float], _ label: String) -> Float {
        let piece = capture[index..<(index + min(shape.count, remaining))]
        let dot = zip(piece, shape).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let norm = shape.prefix(piece.count).reduce(0.0) { $0 + Double($1) * Double($1) }
        let gain = Float(dot / max(norm, 1e-12))
        expect(shape[...], label, gain: { _ in gain })
        return gain
    }

    /// The fade-out a cut writes over `length` frames: 1 at the first frame, falling to 0 after the last.
    public static func fadeOut(_ length: Int) -> (Int) -> Float {
        { frame in Float(0.5 - 0.5 * cos(Double.pi * Double(length - frame) / Double(length))) }
    }

    /// The fade-in of a resumed item over `length` frames: 0 at the first frame, 1 from frame `length` on.
    public static func fadeIn(_ length: Int) -> (Int) -> Float {
        { frame in frame >= length ? 1 : Float(0.5 - 0.5 * cos(Double.pi * Double(frame) / Double(length))) }
    }

    /// Decodes `path` from `frame` on, as the playout engine does when it resumes there.
    public static func decode(_ path: String, from frame: Int = 0) throws -> [Float] {
        let reader = try OggOpusFileReader(path: path)
        if frame > 0 { try reader.seek(toFrame: frame) }
        return try reader.readAll(chunkFrames: 960)
    }
}
