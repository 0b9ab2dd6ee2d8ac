import Foundation

/// A second-order Butterworth high-pass at 80 Hz, run over every imported signal before it is measured: wind,
/// handling noise and mains hum on a phone's recording carry most of the signal's peaks but almost none of its
/// loudness (EBU R128's weighting discounts them too), so left in they make the limiter pull the voice down by
/// as much as 20 dB of gain reduction, and the file lands under the target. A horn loudspeaker reproduces nothing
/// down there, and 80 Hz is below a voice's fundamental; it also removes a DC offset. The filter is the Audio EQ
/// Cookbook's (R. Bristow-Johnson), in double precision, its state carried from one block to the next.
public struct RumbleFilter: Sendable {
    /// The corner frequency, Hz: −3 dB there, −0.3 dB at 150 Hz, −9 dB at 50 Hz (mains hum), −24 dB at 20 Hz.
    public static let cornerHz = 80.0

    private let b0: Double
    private let b1: Double
    private let b2: Double
    private let a1: Double
    private let a2: Double
    private var x1 = 0.0
    private var x2 = 0.0
    private var y1 = 0.0
    private var y2 = 0.0

    /// A filter for mono samples at `sampleRate`.
    public init(sampleRate: Int) {
        let omega = 2 * Double.pi * Self.cornerHz / Double(max(sampleRate, 1))
        let alpha = sin(omega) / (2 * (1 / 2.0.squareRoot()))
        let cosine = cos(omega)
        let a0 = 1 + alpha
        b0 = (1 + cosine) / 2 / a0
        b1 = -(1 + cosine) / a0
        b2 = (1 + cosine) / 2 / a0
        a1 = -2 * cosine / a0
        a2 = (1 - alpha) / a0
    }

    /// Filters `samples` in place, continuing from the previous call, and returns the largest magnitude left.
    public mutating func apply(_ samples: inout [Float]) -> Float {
        var highest: Float = 0
        var (x1, x2, y1, y2) = (self.x1, self.x2, self.y1, self.y2)
        samples.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices {
                let x = Double(buffer[index])
                var y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
                // A decaying tail would otherwise sink into denormals, which cost a hundred times as much.
                if abs(y) < 1e-30 { y = 0 }
                (x2, x1, y2, y1) = (x1, x, y1, y)
                let sample = Float(y)
                buffer[index] = sample
                highest = max(highest, abs(sample))
            }
        }
        (self.x1, self.x2, self.y1, self.y2) = (x1, x2, y1, y2)
        return highest
    }
}
