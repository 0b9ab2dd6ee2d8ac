import CommuneCastTesting
import Foundation
import HostSystem
import Testing

@Suite("AtomicFileWriter: readers see the old file or the whole new one")
struct AtomicFileWriterTests {
    @Test("an abandoned atomic write leaves nothing behind and keeps the old file")
    func atomicAbandon() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = directory.file("out.opus")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        do {
            let writer = try AtomicFileWriter(destination: target, replace: true)
            try Data("new content".utf8).withUnsafeBytes { try writer.write($0) }
            #expect(try directory.entries().count == 2)
        }
        #expect(try directory.entries() == ["out.opus"])
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old")
    }

    @Test("an atomic write refuses to replace without permission and to write into a missing directory")
    func atomicRefusals() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = directory.file("exists.opus")
        try Data("x".utf8).write(to: URL(fileURLWithPath: target))
        #expect(throws: AtomicWriteError.exists(path: target)) {
            try AtomicFileWriter(destination: target, replace: false)
        }
        let missing = directory.file("no/such/x.opus")
        let reason = "the directory '\(directory.file("no/such"))' does not exist"
        #expect(throws: AtomicWriteError.unwritable(path: missing, reason: reason)) {
            try AtomicFileWriter(destination: missing, replace: true)
        }
        #expect(try directory.entries() == ["exists.opus"])
    }

    @Test("write(_:to:replace:) replaces the whole file in one step and leaves no temporary behind")
    func oneCallWrite() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = directory.file("metrics.prom")
        try AtomicFileWriter.write(Array("first\n".utf8), to: target, replace: false)
        try AtomicFileWriter.write(Data("second\n".utf8), to: target, replace: true)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "second\n")
        #expect(try directory.entries() == ["metrics.prom"])
        #expect(throws: AtomicWriteError.exists(path: target)) {
            try AtomicFileWriter.write(Array("third\n".utf8), to: target, replace: false)
        }
    }

    @Test("the file gets the permission bits asked for: 0644 by default, 0600 for the site's own media")
    func permissions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let shared = directory.file("shared.opus"), own = directory.file("own.opus")
        try AtomicFileWriter.write(Array("a".utf8), to: shared, replace: false)
        try AtomicFileWriter.write(Array("b".utf8), to: own, replace: false, mode: 0o600)
        func mode(_ path: String) throws -> Int {
            try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
        }
        #expect(try mode(shared) == 0o644)
        #expect(try mode(own) == 0o600)
    }

    @Test("moveIntoPlace renames a finished file over its destination and names the destination when it cannot")
    func moveIntoPlace() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let staged = directory.file(".incoming")
        try Data("audio".utf8).write(to: URL(fileURLWithPath: staged))
        let final = directory.file("final.opus")
        try AtomicFileWriter.moveIntoPlace(staged, as: final)
        #expect(try directory.entries() == ["final.opus"])
        let nowhere = directory.file("missing/final.opus")
        #expect(throws: AtomicWriteError.self) { try AtomicFileWriter.moveIntoPlace(final, as: nowhere) }
        do {
            try AtomicFileWriter.moveIntoPlace(final, as: nowhere)
        } catch {
            #expect(error.path == nowhere)
        }
    }
}
