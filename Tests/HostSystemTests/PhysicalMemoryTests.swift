import Foundation
import HostSystem
import Testing

@Suite("The machine's physical memory")
struct PhysicalMemoryTests {
    @Test("agrees with the kernel's MemTotal, which leaves out only what the kernel reserved at boot")
    func agreesWithMeminfo() throws {
        let meminfo = try String(contentsOfFile: "/proc/meminfo", encoding: .utf8)
        let line = try #require(meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") })
        let kibibytes = try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
        let bytes = try #require(PhysicalMemory.bytes)
        #expect(bytes >= kibibytes * 1_024, "\(bytes) bytes against MemTotal \(kibibytes) KiB")
        #expect(Double(bytes) < Double(kibibytes * 1_024) * 1.1, "\(bytes) bytes against MemTotal \(kibibytes) KiB")
        #expect(PhysicalMemory.share(0.5) == bytes / 2)
        #expect(PhysicalMemory.share(0) == 16 * 1_024 * 1_024)
    }
}
