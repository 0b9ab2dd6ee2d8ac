import ArgumentParser
import BroadcastModel

/// The options of `communecast live --level emergency` (issue 18): the sites' side of a live emergency broadcast.
/// An actual one is the signed, two-person approved alert naming the mount (`alert draft --stream`, `alert
/// approve`), which the sites verify as any signed alert; an exercise or a test is pushed unsigned with the
/// provincial role.
struct LiveEmergencyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("With --level emergency: actual (default; needs --signed), exercise or test."))
    var status: BroadcastStatus = .actual

    @Option(help: ArgumentHelp("With --level emergency and actual: the signed, approved alert file naming this mount "
                               + "(alert draft --stream MOUNT, alert approve).", valueName: "file"))
    var signed: String?

    @Option(help: ArgumentHelp("With an emergency exercise or test: how long the sites relay the mount, "
                               + "\(TimeSpan.accepted).", valueName: "duration"), transform: TimeSpan.parse)
    var duration: TimeSpan?

    @Option(help: ArgumentHelp("With an emergency exercise or test: the alert id (default: a new UUID).",
                               valueName: "id"))
    var id: String?

    /// Checks the options against `level`: only an emergency takes them; an actual one takes the signed file, an
    /// exercise or test a duration.
    func validate(level: BroadcastLevel) throws {
        guard level == .emergency else {
            guard signed == nil, duration == nil, id == nil, status == .actual else {
                throw ValidationError("--status, --signed, --duration and --id go with --level emergency")
            }
            return
        }
        if status == .actual {
            guard signed != nil else {
                throw ValidationError("an actual live emergency broadcast needs --signed FILE: the alert drafted with "
                                      + "alert draft --stream MOUNT and approved by a second person (alert approve); "
                                      + "or use --status exercise or test")
            }
            guard duration == nil, id == nil else {
                throw ValidationError("--duration and --id come from the --signed file")
            }
        } else {
            guard signed == nil else { throw ValidationError("--signed is for an actual emergency") }
            guard let duration, (1...86_400).contains(duration.seconds) else {
                throw ValidationError("an emergency \(status.rawValue) needs --duration of 1s to 1d")
            }
        }
    }
}
