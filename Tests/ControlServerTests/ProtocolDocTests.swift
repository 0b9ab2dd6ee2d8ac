import ControlProtocol
import Foundation
import Testing

@Suite("docs/protocol.md stays true")
struct ProtocolDocTests {
    private static func document() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
    }

    @Test("the varlink code block is the served interface description")
    func idlBlock() throws {
        let text = try Self.document()
        let start = try #require(text.range(of: "```varlink\n"))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        #expect(String(text[start.upperBound..<end.lowerBound]) == SiteInterface.description)
    }

    @Test("every method has a heading; every type and error is described outside the IDL block")
    func everyNameDocumented() throws {
        let text = try Self.document()
        let prose = String(text[..<(try #require(text.range(of: "```varlink"))).lowerBound])
        let interface = try VarlinkInterface.parse(SiteInterface.description)
        let headings = Set(prose.split(separator: "\n").filter { $0.hasPrefix("### ") }.map { $0.dropFirst(4) })
        for method in interface.methods {
            #expect(headings.contains(Substring(method.name)), "no ### heading for method \(method.name)")
        }
        for name in interface.types.map(\.name) + interface.errors.map(\.name) {
            #expect(prose.contains("`\(name)"), "\(name) is not described")
        }
    }

    @Test("the role table lists each method under the role it needs")
    func roleTable() throws {
        let text = try Self.document()
        for role in Role.allCases {
            let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| `\(role)` | ") })
            let methods = Site.leastRoles.filter { $0.value == role }.keys.map { $0.split(separator: ".").last! }
            for method in methods {
                #expect(row.contains(method), "\(method) is not in the \(role) row")
            }
            if role == Site.PushAlert.requiredRole(for: .init(id: "a", level: .emergency)) {
                #expect(row.contains("PushAlert (emergency"), "the emergency PushAlert is not in the \(role) row")
            }
        }
    }
}
