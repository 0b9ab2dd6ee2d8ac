/// Switches the power amplifier that drives the loudspeakers. It must be on (and warmed up) before audio starts and
/// is switched off after a hold-off of silence (DESIGN §3), so the horns do not hiss all night.
public protocol Amplifier: AnyObject, Sendable {
    /// Whether the amplifier is currently switched on.
    var isOn: Bool { get }
    /// Switches on; the caller then waits the profile's warm-up before playing.
    func switchOn() throws
    /// Switches off.
    func switchOff() throws
}
