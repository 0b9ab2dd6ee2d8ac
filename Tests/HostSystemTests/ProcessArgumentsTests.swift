import Foundation
import Testing
@testable import HostSystem

@Suite("ProcessArguments: the command line and executable without relying on the runtime's argv")
struct ProcessArgumentsTests {
    @Test("the arguments match /proc/self/cmdline and the executable is this test binary")
    func matchesProc() throws {
        let raw = try #require(FileManager.default.contents(atPath: "/proc/self/cmdline"))
        let fromProc = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        #expect(ProcessArguments.all == fromProc)
        let executable = ProcessArguments.executable.path
        #expect(FileManager.default.isExecutableFile(atPath: executable))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") == executable)
    }
}
