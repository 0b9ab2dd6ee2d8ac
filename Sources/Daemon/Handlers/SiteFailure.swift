import ControlProtocol
import Store

/// The errors a handler can answer with, mapped onto varlink errors in one place.
enum SiteFailure: Error, CustomStringConvertible {
    /// An argument the site does not accept: which one, and why in words the CLI shows as they are.
    case invalidParameter(String, String)
    case invalidMedia(String)
    case tooLarge(Int)
    case expired(String)
    case internalError(String)
    /// A signed alert refused: the stable code of the check that failed and the sentence the site logged.
    case alertRefused(code: String, reason: String)

    var description: String {
        switch self {
        case let .invalidParameter(name, why): "invalid parameter \(name): \(why)"
        case let .invalidMedia(reason): reason
        case let .tooLarge(limit): "upload is larger than the \(limit)-byte limit"
        case let .expired(id): "alert '\(id)' has already expired"
        case let .internalError(reason): reason
        case let .alertRefused(code, reason): "signed alert refused (\(code)): \(reason)"
        }
    }

    /// The varlink error for any error a handler throws.
    static func varlinkError(for error: Error) -> VarlinkError {
        switch error {
        case let error as VarlinkError:
            return error
        case let failure as SiteFailure:
            switch failure {
            case let .invalidParameter(name, why): return .invalidArgument(parameter: name, reason: why)
            case let .invalidMedia(reason): return .invalidMedia(reason: reason)
            case let .tooLarge(limit): return .tooLarge(limit: limit)
            case let .expired(id): return .expired(id: id)
            case let .internalError(reason): return .internal(reason: reason)
            case let .alertRefused(code, reason): return .alertRefused(code: code, reason: reason)
            }
        case let error as StoreError:
            switch error {
            case let .notFound(what, name): return .notFound(what: what, name: name)
            case let .nameTaken(name, existing):
                return .conflict(reason: "the name '\(name)' is already used by media \(existing)")
            case let .inUse(name, references): return .inUse(name: name, references: references)
            case let .alertCancelled(id): return .alertCancelled(id: id)
            case .alertOutranked: return .permissionDenied
            case let .ambiguous(prefix, matches):
                return .conflict(reason: "'\(prefix)' matches several media: \(matches.joined(separator: ", "))")
            case let .invalid(what, reason): return .invalidArgument(parameter: what, reason: reason)
            default: return .internal(reason: "\(error)")
            }
        default:
            return .internal(reason: "\(error)")
        }
    }
}
