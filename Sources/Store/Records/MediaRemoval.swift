/// What ``Store/removeMedia(_:alsoUsedBy:)`` took away: one name of audio that other names still play, or the audio
/// itself with its last name. The daemon removes `media/<sha256>.opus` only in the second case.
public enum MediaRemoval: Equatable, Sendable {
    /// Only the name went; `remaining` is the audio as it is now stored, under the name it keeps answering to.
    case name(String, remaining: MediaRecord)
    /// The audio went, with every name it had.
    case audio(MediaRecord, names: [String])

    /// The stored row of the audio concerned.
    public var record: MediaRecord {
        switch self {
        case .name(_, let remaining): remaining
        case .audio(let record, _): record
        }
    }
}
