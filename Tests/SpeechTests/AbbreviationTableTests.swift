import CommuneCastTesting
import Foundation
import Speech
import Testing

@Suite("Abbreviation table: the built-in file, and a province's additions")
struct AbbreviationTableTests {
    @Test("the built-in table is the repository's abbreviations.yaml")
    func builtIn() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/Speech/abbreviations.yaml").standardized.path
        let entries = try AbbreviationTable.parse(try String(contentsOfFile: source, encoding: .utf8), file: source)
        #expect(entries.count >= 25)
        #expect(AbbreviationTable.builtIn.expansions == entries)
        #expect(entries["UBND"] == "Ủy ban nhân dân")
        #expect(entries["BCH"] == "Ban chỉ huy")
    }

    @Test("a later file adds keys and replaces existing ones; a missing site file is skipped")
    func overrides() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let province = directory.file("quang-tri.yaml")
        try Data("abbreviations:\n  BQL: Ban quản lý\n  TT: trung tâm\n".utf8).write(to: URL(fileURLWithPath: province))
        let table = try AbbreviationTable.load(files: [province], overridePath: directory.file("absent.yaml"))
        #expect(table.expansions["BQL"] == "Ban quản lý")
        #expect(table.expansions["TT"] == "trung tâm")
        #expect(table.expansions["UBND"] == "Ủy ban nhân dân")
        let normaliser = VietnameseNormaliser(abbreviations: table)
        #expect(normaliser.normalise("BQL TT y tế") == "Ban quản lý trung tâm y tế")
    }

    @Test("the site file at the override path is read before the operator's files")
    func siteFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let site = directory.file("site.yaml")
        try Data("abbreviations:\n  KDC: khu dân cư\n  TT: trung tâm\n".utf8).write(to: URL(fileURLWithPath: site))
        let operatorFile = directory.file("operator.yaml")
        try Data("abbreviations:\n  TT: thị trấn\n".utf8).write(to: URL(fileURLWithPath: operatorFile))
        let table = try AbbreviationTable.load(files: [operatorFile], overridePath: site)
        #expect(table.expansions["KDC"] == "khu dân cư")
        #expect(table.expansions["TT"] == "thị trấn")
    }

    @Test("a malformed file is refused naming the file and the key")
    func malformed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bad = directory.file("bad.yaml")
        try Data("abbreviations:\n  - UBND\nabreviations: {}\n".utf8).write(to: URL(fileURLWithPath: bad))
        let error = #expect(throws: YAMLIssuesMatcher.self) {
            do { _ = try AbbreviationTable.load(files: [bad], overridePath: directory.file("none")) } catch {
                throw YAMLIssuesMatcher(text: "\(error)")
            }
        }
        #expect(error?.text.contains(bad) == true)
        #expect(error?.text.contains("abbreviations") == true)
        #expect(error?.text.contains("abreviations") == true)
    }

    /// The YAML errors as text, so the test needs no YAMLSupport import.
    struct YAMLIssuesMatcher: Error { let text: String }
}
