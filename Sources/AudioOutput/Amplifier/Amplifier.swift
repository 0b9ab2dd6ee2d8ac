/// Switches the power amplifier that drives the loudspeakers. It must be on (and warmed up) before audio starts and
/// is switched off after a hold-off of silence (DESIGN §3), so the horns do not hiss all night.
public protocol Amplifier: AnyObject, Sendable {
    /// Whether the amplifier is currently switched on.
    var isOn: Bool { get }
    /// Why the amplifier cannot be switched, for health; nil while it works. A relay that fails is otherwise silent
    /// until someone stands under the loudspeaker, so the reason stays here until a switch succeeds again.
    var fault: String? { get }
    /// Switches on; the caller then waits the profile's warm-up before playing.
    func switchOn() throws
    /// Switches off.
    func switchOff() throws
}

extension Amplifier {
    /// Amplifiers that cannot fail (a fake, a logging stand-in) have no fault to report.
    public var fault: String? { nil }
}
