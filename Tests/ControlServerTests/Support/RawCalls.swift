/// The raw varlink messages the socket tests send most, as JSON text without the NUL.
enum RawCalls {
    /// `GetHealth`, which `FakeHandler` answers from memory.
    static let health = #"{"method":"io.communecast.Site.GetHealth","parameters":{}}"#

    /// `Play` of `media`, which `FakeHandler` answers `play:<media>` (after 300 ms for `slow`).
    static func play(_ media: String) -> String {
        #"{"method":"io.communecast.Site.Play","parameters":{"media":"\#(media)"}}"#
    }
}
