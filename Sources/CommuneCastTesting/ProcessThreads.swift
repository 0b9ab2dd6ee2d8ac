import Foundation

/// The threads of a process as the kernel shows them in `/proc`: each thread's id and name (`comm`, which our
/// dedicated threads set with `NamedThread`). Threads come and go while they are listed; one that ended between
/// the listing and the reading of its name is left out.
public enum ProcessThreads {
    /// Each thread of process `pid` (this process when nil) with its name.
    public static func list(pid: pid_t? = nil) -> [(tid: Int32, name: String)] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "\(directory(pid))/task")) ?? []
        return tasks.compactMap { entry in
            guard let tid = Int32(entry), let name = name(of: tid, pid: pid) else { return nil }
            return (tid, name)
        }
    }

    /// The ids of the threads of `pid` (this process when nil) named `name`.
    public static func named(_ name: String, pid: pid_t? = nil) -> [Int32] {
        list(pid: pid).filter { $0.name == name }.map(\.tid)
    }

    /// The name of thread `tid` of `pid` (this process when nil), nil once it has ended.
    public static func name(of tid: Int32, pid: pid_t? = nil) -> String? {
        read("comm", of: tid, pid: pid)?.trimmingCharacters(in: .newlines)
    }

    /// What `/proc/PID/task/TID/FILE` holds, nil once the thread has ended.
    public static func read(_ file: String, of tid: Int32, pid: pid_t? = nil) -> String? {
        try? String(contentsOfFile: "\(directory(pid))/task/\(tid)/\(file)", encoding: .utf8)
    }

    /// `/proc/PID`, or `/proc/self` when `pid` is nil.
    private static func directory(_ pid: pid_t?) -> String { "/proc/\(pid.map(String.init) ?? "self")" }
}
