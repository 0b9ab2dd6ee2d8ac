/// Measurements that tell a click-free splice from a click (STYLE.md: audio tests check every splice): the largest
/// sample-to-sample step, and how steeply sound starts after silence and stops before it.
public enum Splices {
    /// A place where sound starts after silence or stops before it (the ends of a capture count as silence).
    public struct Edge: Sendable, CustomStringConvertible {
        /// Which way the edge goes.
        public enum Kind: String, Sendable {
            case start, stop
        }

        /// Start or stop.
        public var kind: Kind
        /// The first sounding sample after silence, or the first silent sample after sound.
        public var index: Int
        /// Peak level in the 5 ms just inside the edge over the peak 40–60 ms inside: a few hundredths for a fade,
        /// near 1 for a hard start or stop.
        public var steepness: Float

        public var description: String {
            "\(kind.rawValue) at \(index) (\(String(format: "%.3f", Double(index) / 48_000)) s): steepness "
                + String(format: "%.2f", steepness)
        }
    }

    /// The largest |x[n] − x[n−1]| in `samples` and where it is (the index of x[n]).
    public static func largestStep(in samples: [Float]) -> (step: Float, index: Int) {
        var largest: Float = 0
        var at = 0
        for index in samples.indices.dropFirst() {
            let step = abs(samples[index] - samples[index - 1])
            if step > largest {
                largest = step
                at = index
            }
        }
        return (largest, at)
    }

    /// Every start and stop of sound around stretches of at least 5 ms below `silence`, with its steepness. Edges
    /// whose sound is itself quiet (peak under four times `silence`) are left out: they cannot click.
    public static func edges(in samples: [Float], sampleRate: Int = 48_000, silence: Float = 0.002) -> [Edge] {
        let minimum = sampleRate / 200
        var quietRuns: [Range<Int>] = []
        var runStart: Int?
        for index in samples.indices {
            if abs(samples[index]) < silence {
                if runStart == nil { runStart = index }
            } else if let start = runStart {
                if index - start >= minimum { quietRuns.append(start..<index) }
                runStart = nil
            }
        }
        if let start = runStart { quietRuns.append(start..<samples.count) }
        // The device is silent before the first sample and after the last.
        var bounds: [(Int, Edge.Kind)] = []
        if quietRuns.first?.lowerBound != 0, !samples.isEmpty { bounds.append((0, .start)) }
        for run in quietRuns {
            if run.lowerBound > 0 { bounds.append((run.lowerBound, .stop)) }
            if run.upperBound < samples.count { bounds.append((run.upperBound, .start)) }
        }
        if quietRuns.last?.upperBound != samples.count, !samples.isEmpty { bounds.append((samples.count, .stop)) }

        let ms = Double(sampleRate) / 1_000
        return bounds.compactMap { index, kind in
            let inside: Range<Int>
            let reference: Range<Int>
            switch kind {
            case .start:
                inside = index..<(index + Int(5 * ms))
                reference = (index + Int(40 * ms))..<(index + Int(60 * ms))
            case .stop:
                inside = (index - Int(5 * ms))..<index
                reference = (index - Int(60 * ms))..<(index - Int(40 * ms))
            }
            let level = peak(samples, reference)
            guard level >= 4 * silence else { return nil }
            return Edge(kind: kind, index: index, steepness: peak(samples, inside) / level)
        }
    }

    private static func peak(_ samples: [Float], _ range: Range<Int>) -> Float {
        let clamped = range.clamped(to: samples.indices)
        return samples[clamped].reduce(0) { max($0, abs($1)) }
    }
}
