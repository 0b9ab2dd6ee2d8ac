import CommuneCastTesting
import Foundation
import HostSystem
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("OpenBeneath: a name opened inside its directory only")
struct OpenBeneathTests {
    @Test("a file and a link inside the directory open; a link out of it and a path out of it do not")
    func staysBeneath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("inside"), withIntermediateDirectories: true)
        try Data("ok".utf8).write(to: URL(fileURLWithPath: directory.file("inside/a.yaml")))
        try Data("secret".utf8).write(to: URL(fileURLWithPath: directory.file("secret")))
        try FileManager.default.createSymbolicLink(atPath: directory.file("inside/link.yaml"),
                                                   withDestinationPath: "a.yaml")
        try FileManager.default.createSymbolicLink(atPath: directory.file("inside/leak.yaml"),
                                                   withDestinationPath: directory.file("secret"))
        let parent = Glibc.open(directory.file("inside"), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        #expect(parent >= 0)
        defer { close(parent) }
        for name in ["a.yaml", "link.yaml"] {
            let fd = OpenBeneath.open(name, beneath: parent, flags: O_RDONLY | O_CLOEXEC)
            if fd < 0, errno == ENOSYS || errno == EPERM { return }
            #expect(fd >= 0, "\(name): \(String(cString: strerror(errno)))")
            close(fd)
        }
        for name in ["leak.yaml", "../secret"] {
            let fd = OpenBeneath.open(name, beneath: parent, flags: O_RDONLY | O_CLOEXEC)
            #expect(fd < 0 && (errno == EXDEV || errno == ELOOP), "\(name) opened outside the directory")
            if fd >= 0 { close(fd) }
        }
    }
}
