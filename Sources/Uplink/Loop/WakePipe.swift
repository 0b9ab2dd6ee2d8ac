import Glibc

/// A pipe that wakes the uplink's thread from `poll` when another thread hands it work (a publish, new
/// subscriptions, stop). Both ends are non-blocking: signalling never blocks a caller, and a full pipe means the
/// thread is already due to wake.
final class WakePipe: Sendable {
    /// The end the uplink's thread polls.
    let readEnd: Int32
    private let writeEnd: Int32

    /// Opens the pipe.
    init() throws(UplinkError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw .configuration("cannot open the uplink's wake-up pipe: \(String(cString: strerror(errno)))")
        }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Wakes the thread.
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe after a wake-up.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &buffer, buffer.count) > 0 {}
    }
}
