import Foundation
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// Facts about the machine that health reports: clock synchronisation, free disk and temperature.
enum SystemFacts {
    /// One reading of all three, as ``SiteHealth`` keeps it between its slow timer's ticks.
    struct Reading: Sendable, Hashable {
        /// Bytes available on the file system of the state directory.
        var diskFreeBytes: Int
        /// Whether the clock is synchronised.
        var clockSynchronized: Bool
        /// The board temperature, where there is one.
        var temperatureC: Double?
    }

    /// Reads the machine now; `stateDirectory` is where free space matters.
    static func read(stateDirectory: String) -> Reading {
        Reading(diskFreeBytes: freeBytes(at: stateDirectory),
                clockSynchronized: ClockSynchronization.isSynchronized(), temperatureC: temperature())
    }

    /// Bytes available to this process on the file system holding `path`.
    static func freeBytes(at path: String) -> Int {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return 0 }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }

    /// The first thermal zone's temperature in °C, where the machine has one.
    static func temperature() -> Double? {
        guard let text = try? String(contentsOfFile: "/sys/class/thermal/thermal_zone0/temp", encoding: .utf8),
              let milli = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        return milli / 1_000
    }
}
