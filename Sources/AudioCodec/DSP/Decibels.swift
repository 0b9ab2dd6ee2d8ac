import Foundation

/// Conversions between linear amplitude and decibels, in one place so every module rounds the same way.
public enum Decibels {
    /// Linear amplitude factor for a gain in dB.
    @inlinable
    public static func linear(_ decibels: Double) -> Double { pow(10, decibels / 20) }

    /// dB for a linear amplitude; -infinity for silence.
    @inlinable
    public static func fromLinear(_ linear: Double) -> Double { linear > 0 ? 20 * log10(linear) : -.infinity }
}

extension Double {
    /// The value, or nil for infinities and NaN: JSON has no way to say "-inf LUFS" and we report silence as null.
    public var finiteOrNil: Double? { isFinite ? self : nil }
}
