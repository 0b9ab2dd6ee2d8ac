import Foundation
import HostSystem
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Where the CLI connects by default")
struct DefaultSocketTests {
    let environment = ["XDG_RUNTIME_DIR": "/run/user/1000"]

    @Test("COMMUNECAST_CONNECT wins")
    func explicit() {
        let address = DefaultSocket.connectAddress(environment: ["COMMUNECAST_CONNECT": "tls:site:7420"],
                                                   exists: { _ in true })
        #expect(address == "tls:site:7420")
    }

    @Test("a user's own daemon first, else the installed site daemon's socket", .enabled(if: getuid() != 0))
    func fallsBackToTheSystemSocket() {
        let own = "/run/user/1000/communecast/control.sock"
        #expect(DefaultSocket.connectAddress(environment: environment, exists: { _ in true }) == "unix:\(own)")
        #expect(DefaultSocket.connectAddress(environment: environment, exists: { $0 == DefaultSocket.systemPath })
                == "unix:/run/communecast/control.sock")
        #expect(DefaultSocket.connectAddress(environment: environment, exists: { _ in false }) == "unix:\(own)")
    }

    @Test("root uses the system socket", .enabled(if: getuid() == 0))
    func root() {
        #expect(DefaultSocket.connectAddress(environment: environment, exists: { _ in false })
                == "unix:/run/communecast/control.sock")
    }
}
