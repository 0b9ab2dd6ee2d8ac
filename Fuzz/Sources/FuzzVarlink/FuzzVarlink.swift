import ControlProtocol
import FuzzRegressions

/// libFuzzer's test function for the control socket's input path: NUL framing, then strict JSON decoding of calls
/// and replies, then the typed parameters a handler would decode. Every stage may reject the bytes; none may trap.
///
/// The first input byte chooses how the stream is split into `append` chunks, so the fuzzer also explores frames
/// that arrive in pieces, as they do from a socket.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVarlink(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = VarlinkFrameDecoder(
        maxFrameBytes: 512, methodFrameLimits: ["io.communecast.Site.UploadMedia": 4_096]
    )
    do {
        for read in FuzzRegressions.reads(of: input) {
            decoder.append(read)
            while let frame = try decoder.nextFrame() {
                decode(frame)
            }
        }
    } catch {
        return 0
    }
    return 0
}

/// Decodes one frame every way the server and the CLI do, and checks that accepted messages survive a round trip.
private func decode(_ frame: [UInt8]) {
    if let call = try? VarlinkCall(decoding: frame) {
        guard let again = try? VarlinkCall(decoding: call.encoded()), again == call else {
            fatalError("a decoded call does not survive encoding: \(call)")
        }
        roundTrip(try? call.decodeParameters(as: Site.PushAlert.Parameters.self))
        roundTrip(try? call.decodeParameters(as: Site.UploadMedia.Parameters.self))
        roundTrip(try? call.decodeParameters(as: Site.AddSchedule.Parameters.self))
        roundTrip(try? call.decodeParameters(as: Site.GetAsRunLog.Parameters.self))
        roundTrip(try? call.decodeParameters(as: Site.SetVolume.Parameters.self))
    }
    if let reply = try? VarlinkReply(decoding: frame) {
        guard let again = try? VarlinkReply(decoding: reply.encoded()), again == reply else {
            fatalError("a decoded reply does not survive encoding: \(reply)")
        }
        _ = reply.varlinkError
        _ = try? reply.decodeParameters(as: Site.Health.self)
    }
}

/// Typed parameters that decoded must encode (``JSONValueEncoder``) and decode (``JSONValueDecoder``) back to
/// themselves.
private func roundTrip<Parameters: Codable & Equatable>(_ parameters: Parameters?) {
    guard let parameters else { return }
    guard let tree = try? JSONValue(encoding: parameters), let again = try? tree.decode(as: Parameters.self),
          again == parameters else {
        fatalError("decoded parameters do not survive encoding: \(parameters)")
    }
}
