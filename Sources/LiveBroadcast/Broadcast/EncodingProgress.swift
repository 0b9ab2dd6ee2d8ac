/// The capture thread's count of what it has encoded, shared with the encoder's page callback so the first audio
/// page can be timed: the encoder's share of the live delay.
struct EncodingProgress: Sendable {
    /// Frames handed to the encoder so far.
    var framesEncoded = 0
    /// Whether the header pages are out, so every later page carries audio.
    var headersDone = false
    /// `framesEncoded` when the first audio page came out.
    var firstPageFrames: Int?

    /// Classifies the page being written now, and times the first audio page.
    mutating func isHeader() -> Bool {
        guard headersDone else { return true }
        if firstPageFrames == nil { firstPageFrames = framesEncoded }
        return false
    }
}
