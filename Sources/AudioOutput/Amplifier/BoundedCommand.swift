import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a configured program directly (no shell, so no quoting surprises and no injection through a profile) with a
/// time limit, for relays switched by a command. It may be called from the audio thread: it never touches a run loop,
/// and a program that hangs is killed with its whole process group when the limit passes.
enum BoundedCommand {
    /// Why a run did not succeed, as the tail of a sentence naming the command.
    struct Failure: Error, Equatable {
        let reason: String
    }

    /// Signals the daemon ignores or handles (SIGHUP, SIGPIPE) would stay ignored across exec; reset them.
    private static let resetSignals = [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD, SIGALRM, SIGUSR1, SIGUSR2]

    /// Runs `arguments` (the program first, found through PATH when it has no slash); returns what it printed.
    /// Standard input is /dev/null; standard output and error are captured together.
    static func run(_ arguments: [String], timeout: Double) throws(Failure) -> String {
        guard let program = arguments.first, !program.isEmpty else { throw Failure(reason: "is empty") }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw Failure(reason: "cannot be started: \(systemMessage())") }
        // Close-on-exec, so programs started meanwhile by other threads do not hold the pipe open.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        defer { Glibc.close(fds[0]) }
        let pid: pid_t
        do {
            pid = try spawn(arguments, output: fds[1])
            Glibc.close(fds[1])
        } catch {
            Glibc.close(fds[1])
            throw error
        }
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        var output = OutputTail()
        var pipeOpen = true
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                throw Failure(reason: "did not finish within \(format(timeout)) s and was killed")
            }
            let waitMilliseconds = Int32(min(remaining, 0.02) * 1_000) + 1
            if pipeOpen {
                var poller = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
                _ = poll(&poller, 1, waitMilliseconds)
                pipeOpen = output.drain(fds[0])
            } else {
                usleep(UInt32(waitMilliseconds) * 1_000)
            }
        }
        _ = output.drain(fds[0])
        let signal = status & 0x7f
        if signal != 0 {
            throw Failure(reason: "was killed by signal \(signal)" + output.suffix)
        }
        let code = (status >> 8) & 0xff
        guard code == 0 else {
            let reason = code == 127 && output.text.isEmpty
                ? "could not be run (not found?)" : "exited with status \(code)"
            throw Failure(reason: reason + output.suffix)
        }
        return output.text
    }

    /// Starts the program in its own process group with default signal handling and nothing blocked.
    private static func spawn(_ arguments: [String], output: Int32) throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in resetSignals { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
                                                     | POSIX_SPAWN_SETPGROUP))
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard result == 0 else {
            throw Failure(reason: "cannot be started: \(String(cString: strerror(result)))")
        }
        return pid
    }

    private static func systemMessage() -> String { String(cString: strerror(errno)) }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }

    /// The last few hundred bytes a command printed: enough for its error message, bounded however much it writes.
    private struct OutputTail {
        static let limit = 400
        private var bytes: [UInt8] = []

        /// Reads what is available; false once the command closed its end.
        mutating func drain(_ fd: Int32) -> Bool {
            var buffer = [UInt8](repeating: 0, count: 4_096)
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count > 0 {
                    bytes += buffer[0..<count]
                    if bytes.count > Self.limit { bytes.removeFirst(bytes.count - Self.limit) }
                    continue
                }
                if count == 0 { return false }
                return errno == EAGAIN || errno == EINTR
            }
        }

        var text: String {
            String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// ": <what it said>" when it said anything, on one line.
        var suffix: String {
            let said = text.split(whereSeparator: \.isNewline).joined(separator: " / ")
            return said.isEmpty ? "" : ": \(said)"
        }
    }
}
