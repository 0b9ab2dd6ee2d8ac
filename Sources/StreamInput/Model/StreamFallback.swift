/// What a site plays when none of a stream's URLs can be played.
public enum StreamFallback: Sendable, Equatable {
    /// Nothing: the loudspeakers stay quiet until a URL comes back.
    case silence
    /// A stored Ogg Opus (or WAV) file, played in a loop from its beginning each time the stream is lost.
    case media(path: String)
}
