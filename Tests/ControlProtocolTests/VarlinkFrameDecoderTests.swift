import Testing

@testable import ControlProtocol

@Suite("Varlink framing")
struct VarlinkFrameDecoderTests {
    private static let messages = [
        #"{"method":"io.communecast.Site.GetHealth"}"#,
        #"{"method":"org.varlink.service.GetInfo","parameters":{}}"#,
        #"{"method":"io.communecast.Site.Play","parameters":{"media":"bản tin"}}"#,
    ].map { Array($0.utf8) }

    private static let stream: [UInt8] = messages.flatMap { $0 + [UInt8(0)] }

    private func feed(_ decoder: inout VarlinkFrameDecoder, _ chunk: [UInt8]) throws(VarlinkFrameError) -> [[UInt8]] {
        decoder.append(chunk)
        var frames: [[UInt8]] = []
        while let frame = try decoder.nextFrame() { frames.append(frame) }
        return frames
    }

    @Test("splits a stream cut at every byte boundary")
    func everySplit() throws {
        for cut in 0...Self.stream.count {
            var decoder = VarlinkFrameDecoder()
            var frames = try feed(&decoder, Array(Self.stream[..<cut]))
            frames += try feed(&decoder, Array(Self.stream[cut...]))
            #expect(frames == Self.messages, "cut at \(cut)")
            #expect(decoder.bufferedByteCount == 0)
        }
    }

    @Test("splits a stream fed one byte at a time")
    func byteByByte() throws {
        var decoder = VarlinkFrameDecoder()
        var frames: [[UInt8]] = []
        for byte in Self.stream { frames += try feed(&decoder, [byte]) }
        #expect(frames == Self.messages)
    }

    @Test("handles NULs at the start and end of chunks")
    func nulAtEdges() throws {
        var decoder = VarlinkFrameDecoder()
        let first = Self.messages[0]
        #expect(try feed(&decoder, first) == [])
        #expect(try feed(&decoder, [0] + Self.messages[1] + [0]) == [first, Self.messages[1]])
        #expect(try feed(&decoder, Self.messages[2]) == [])
        #expect(try feed(&decoder, [0]) == [Self.messages[2]])
    }

    @Test("refuses an empty frame and stays failed")
    func emptyFrame() throws {
        var decoder = VarlinkFrameDecoder()
        #expect(throws: VarlinkFrameError.emptyFrame) { try feed(&decoder, Self.messages[0] + [0, 0]) }
        #expect(throws: VarlinkFrameError.emptyFrame) { try feed(&decoder, Self.messages[1] + [0]) }
        var fresh = VarlinkFrameDecoder()
        #expect(throws: VarlinkFrameError.emptyFrame) { try feed(&fresh, [0]) }
    }

    @Test("refuses an oversized frame as soon as it passes the limit, without buffering it all")
    func oversizedEarly() throws {
        var decoder = VarlinkFrameDecoder(maxFrameBytes: 1024)
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 300)
        for _ in 0..<3 { #expect(try feed(&decoder, chunk) == []) }
        #expect(throws: VarlinkFrameError.frameTooLarge(limit: 1024)) { try feed(&decoder, chunk) }
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test("refuses a complete frame over the limit and accepts one exactly at it")
    func limitBoundary() throws {
        var decoder = VarlinkFrameDecoder(maxFrameBytes: 4)
        #expect(try feed(&decoder, Array("1234".utf8) + [0]) == [Array("1234".utf8)])
        #expect(throws: VarlinkFrameError.frameTooLarge(limit: 4)) { try feed(&decoder, Array("12345".utf8) + [0]) }
    }

    @Test("lets the limit be raised at any time")
    func raisedLimit() throws {
        var decoder = VarlinkFrameDecoder(maxFrameBytes: 8)
        let long = Array(#"{"method":"a.B"}"#.utf8)
        #expect(try feed(&decoder, Array(long[..<6])) == [])
        decoder.maxFrameBytes = 64
        #expect(try feed(&decoder, Array(long[6...]) + [0]) == [long])
    }

    @Test("raises the limit for named methods written first in the call")
    func perMethodLimit() throws {
        let upload = "io.communecast.Site.UploadMedia"
        let payload = String(repeating: "A", count: 3000)
        let call = Array(#"{"method": "\#(upload)", "parameters": {"name": "x", "data": "\#(payload)"}}"#.utf8)
        var decoder = VarlinkFrameDecoder(maxFrameBytes: 1024, methodFrameLimits: [upload: 4096])
        var frames: [[UInt8]] = []
        for start in stride(from: 0, to: call.count, by: 500) {
            frames += try feed(&decoder, Array(call[start..<min(start + 500, call.count)]))
        }
        frames += try feed(&decoder, [0])
        #expect(frames == [call])

        let other = Array(#"{"method":"io.communecast.Site.Play","parameters":{"media":"\#(payload)"}}"#.utf8)
        var refusing = VarlinkFrameDecoder(maxFrameBytes: 1024, methodFrameLimits: [upload: 4096])
        #expect(throws: VarlinkFrameError.frameTooLarge(limit: 1024)) { try feed(&refusing, other) }

        let methodLast = Array(#"{"parameters":{"data":"\#(payload)"},"method":"\#(upload)"}"#.utf8)
        var strict = VarlinkFrameDecoder(maxFrameBytes: 1024, methodFrameLimits: [upload: 4096])
        #expect(throws: VarlinkFrameError.frameTooLarge(limit: 1024)) { try feed(&strict, methodLast) }

        let huge = Array(#"{"method":"\#(upload)","parameters":{"data":"\#(payload + payload)"}}"#.utf8)
        var capped = VarlinkFrameDecoder(maxFrameBytes: 1024, methodFrameLimits: [upload: 4096])
        #expect(throws: VarlinkFrameError.frameTooLarge(limit: 4096)) { try feed(&capped, huge) }
    }

    @Test("encodes messages followed by one NUL")
    func encoder() {
        let call = VarlinkCall(method: "io.communecast.Site.GetHealth")
        let expected = #"{"method":"io.communecast.Site.GetHealth","parameters":{}}"#
        #expect(VarlinkFrameEncoder.frame(call) == Array(expected.utf8) + [0])
        #expect(VarlinkFrameEncoder.frame(VarlinkReply()) == Array(#"{"parameters":{}}"#.utf8) + [0])
    }
}
