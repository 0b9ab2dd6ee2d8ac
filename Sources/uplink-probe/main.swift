import Foundation
import Logging
import Uplink

// A site's uplink in a process of its own, for the tests that must kill it with -9 (its Last Will) and for the
// load benchmark's real-client sample. Prints `connected SESSION` on every connection and stays up until killed
// or its standard input closes.
//
//   uplink-probe --broker mqtts://HOST:PORT [--broker …] --site NAME --ca CA.pem --cert SITE.pem --key SITE.key
//                [--will-delay SECONDS] [--group GROUP …]

/// The probe's options, read from the command line.
struct ProbeOptions {
    var brokers: [BrokerEndpoint] = []
    var site = ""
    var ca = ""
    var certificate = ""
    var key = ""
    var willDelay = 1
    var groups: [GroupID] = []

    /// Reads `arguments`, or says what is wrong and exits with 2.
    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { Self.usage("\(flag) needs a value") }
            do {
                switch flag {
                case "--broker": brokers.append(try BrokerEndpoint(parsing: value))
                case "--site": site = value
                case "--ca": ca = value
                case "--cert": certificate = value
                case "--key": key = value
                case "--will-delay": willDelay = Int(value) ?? -1
                case "--group": groups.append(try GroupID(value))
                default: Self.usage("unknown option \(flag)")
                }
            } catch {
                Self.usage("\(flag) \(value): \(error)")
            }
        }
        if brokers.isEmpty || site.isEmpty || ca.isEmpty || certificate.isEmpty || key.isEmpty || willDelay < 0 {
            Self.usage("--broker, --site, --ca, --cert and --key are required; --will-delay is whole seconds")
        }
    }

    /// Prints `problem` and the usage to standard error and exits with 2.
    static func usage(_ problem: String) -> Never {
        FileHandle.standardError.write(Data("""
            uplink-probe: \(problem)
            usage: uplink-probe --broker mqtts://HOST:PORT --site NAME --ca CA --cert CERT --key KEY \
            [--will-delay SECONDS] [--group GROUP]

            """.utf8))
        exit(2)
    }
}

let options = ProbeOptions(Array(CommandLine.arguments.dropFirst()))
var logger = Logger(label: "uplink-probe")
logger.logLevel = .warning
var configuration = UplinkConfiguration(
    brokers: options.brokers, clientID: options.site,
    credentials: UplinkCredentials(caPath: options.ca, certificatePath: options.certificate, keyPath: options.key)
)
do {
    let site = try SiteName(options.site)
    configuration.presence = UplinkPresence(site: site, willDelay: .seconds(options.willDelay))
    let client = try UplinkClient(configuration: configuration, logger: logger)
    if !options.groups.isEmpty {
        try client.setSubscriptions(TopicScheme().subscriptions(site: site, groups: options.groups))
    }
    Task {
        for await event in client.events {
            if case .connected(_, let session, _) = event {
                FileHandle.standardOutput.write(Data("connected \(session)\n".utf8))
            }
        }
    }
    client.start()
} catch {
    FileHandle.standardError.write(Data("uplink-probe: \(error)\n".utf8))
    exit(1)
}
_ = FileHandle.standardInput.readDataToEndOfFile()
exit(0)
