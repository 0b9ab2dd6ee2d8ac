import ControlProtocol
import Fleet
import Testing

@Suite("every varlink error a site can send has a sentence for people")
struct ErrorExplanationTests {
    /// A stand-in value for each field an error declares, so the sentence has something to show.
    static func sample(_ declaration: VarlinkErrorDeclaration) -> [String: JSONValue] {
        var parameters: [String: JSONValue] = [:]
        for field in declaration.fields {
            switch field.type {
            case .int: parameters[field.name] = .integer(65_536)
            case .array: parameters[field.name] = .array([.string("x.yaml:3: at: bad time")])
            default: parameters[field.name] = .string("x2")
            }
        }
        return parameters
    }

    @Test("the table covers both interfaces, and no sentence shows the error's wire name or JSON")
    func everyDeclaredError() throws {
        let interfaces = [try VarlinkInterface.parse(ServiceInterface.description),
                          try VarlinkInterface.parse(SiteInterface.description)]
        var count = 0
        for interface in interfaces {
            for declaration in interface.errors {
                let name = "\(interface.name).\(declaration.name)"
                #expect(VarlinkError.isExplained(name), "no sentence for \(name)")
                let error = VarlinkError(name: name, parameters: Self.sample(declaration))
                let text = ClientError.remote(error).description
                #expect(!text.contains(interface.name) && !text.contains("{"), "\(name): \(text)")
                count += 1
            }
        }
        #expect(count >= 17)
    }

    @Test("refusals and failures are told apart, also in fan-out results")
    func dispositions() {
        #expect(VarlinkError.expired(id: "x2").disposition == .refused)
        #expect(VarlinkError.alertCancelled(id: "x2").disposition == .refused)
        #expect(VarlinkError.permissionDenied.disposition == .refused)
        #expect(VarlinkError.internal(reason: "disk full").disposition == .failed)
        #expect(VarlinkError.deviceUnavailable(reason: "gone").disposition == .failed)
        let expired = ClientError.remote(.expired(id: "x2")).description
        #expect(expired == "the site refused the call: alert 'x2' has expired, and nothing airs after its expiry "
                + "(push it under a new --id with a later --expires)")
        let unknown = VarlinkError(name: "io.communecast.Site.Flooded", parameters: ["depth": .integer(2)])
        #expect(unknown.disposition == .failed)
        #expect(unknown.explanation.contains("an error this CLI does not know: io.communecast.Site.Flooded"))
    }
}
