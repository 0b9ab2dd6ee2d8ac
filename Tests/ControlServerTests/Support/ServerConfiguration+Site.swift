import ControlProtocol
import ControlServer

extension ServerConfiguration {
    /// A server that serves `io.communecast.Site` as the daemon hands it over (the server itself knows no
    /// interface): its description, roles, streaming method, upload limits and fast path.
    static func site(socketPath: String, version: String = "9.9.9") -> ServerConfiguration {
        var configuration = ServerConfiguration(socketPath: socketPath, version: version)
        configuration.interfaceDescriptions = [SiteInterface.description]
        configuration.requiredRoles = Site.leastRoles
        configuration.methodsRequiringMore = Site.methodsRequiringMore
        configuration.methodFrameLimits = Site.methodFrameLimits
        configuration.methodMessageTimeouts = [Site.UploadMedia.name: .seconds(600)]
        configuration.methodsAnsweredFromMemory = Site.methodsAnsweredFromMemory
        return configuration
    }
}
