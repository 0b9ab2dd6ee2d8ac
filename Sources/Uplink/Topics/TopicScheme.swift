/// The call-home topics (docs/call-home.md, "Topics"), under a versioned root so a later scheme can run beside this
/// one during a migration:
///
/// | topic | who publishes | retained |
/// |---|---|---|
/// | `cc/v1/group/GROUP/alert/SLOT` | the office: a signed alert, update or tombstone | yes, expiring with the alert |
/// | `cc/v1/group/GROUP/command` | the office: a signed command for every site of the group | no |
/// | `cc/v1/site/SITE/command` | the office: a signed command for one site | no |
/// | `cc/v1/site/SITE/reply/OFFICE/…` | the site: the reply, to the request's Response Topic | no |
/// | `cc/v1/site/SITE/status` | the site (`online`), its Will (`offline`) | yes |
/// | `cc/v1/site/SITE/health` | the site: its health snapshot | yes, expiring |
/// | `cc/v1/site/SITE/event` | the site: alert received, aired, refused; as-run lines | no |
/// | `cc/v1/office/OFFICE/…` | the office: its own markers | no |
public struct TopicScheme: Sendable, Equatable {
    /// The versioned root, `cc/v1`.
    public let root: String

    /// The scheme under `root`.
    public init(root: String = "cc/v1") {
        self.root = root
    }

    /// The retained topic of one alert under one group.
    public func alert(group: GroupID, slot: AlertSlot) -> String { "\(root)/group/\(group)/alert/\(slot)" }

    /// The filter for every alert of a group.
    public func alerts(group: GroupID) -> String { "\(root)/group/\(group)/alert/+" }

    /// The topic of commands for every site of a group.
    public func commands(group: GroupID) -> String { "\(root)/group/\(group)/command" }

    /// The topic of commands for one site.
    public func commands(site: SiteName) -> String { "\(root)/site/\(site)/command" }

    /// A site's signed configuration (issue 15 §4: its groups), published by provincial staff.
    public func configuration(site: SiteName) -> String { "\(root)/site/\(site)/config" }

    /// A site's retained status (online, or its Will's offline).
    public func status(site: SiteName) -> String { "\(root)/site/\(site)/status" }

    /// A site's retained health snapshot.
    public func health(site: SiteName) -> String { "\(root)/site/\(site)/health" }

    /// A site's events.
    public func events(site: SiteName) -> String { "\(root)/site/\(site)/event" }

    /// The start of every reply topic a site may publish to.
    public func replyPrefix(site: SiteName) -> String { "\(root)/site/\(site)/reply/" }

    /// The Response Topic an office names in a request to `site`: under the site's reply tree, then the office's
    /// name, so the office subscribes to its own replies only.
    public func reply(site: SiteName, office: String, request: String) -> String {
        "\(replyPrefix(site: site))\(office)/\(request)"
    }

    /// The filter for every reply to `office`, from any site.
    public func replies(office: String) -> String { "\(root)/site/+/reply/\(office)/#" }

    /// The filter for every site's status.
    public var allStatus: String { "\(root)/site/+/status" }

    /// The filter for every site's health.
    public var allHealth: String { "\(root)/site/+/health" }

    /// The filter for every site's events.
    public var allEvents: String { "\(root)/site/+/event" }

    /// An office's own topic tree (markers it publishes to itself).
    public func office(_ name: String) -> String { "\(root)/office/\(name)" }

    /// What a site subscribes to: the alerts and commands of each of its groups, its own commands and its signed
    /// configuration.
    public func subscriptions(site: SiteName, groups: [GroupID]) -> [String] {
        groups.flatMap { [alerts(group: $0), commands(group: $0)] } + [commands(site: site),
                                                                        configuration(site: site)]
    }

    /// What a topic is, or nil for one outside this scheme.
    public func parse(_ topic: String) -> ParsedTopic? {
        guard topic.hasPrefix(root + "/") else { return nil }
        let levels = topic.dropFirst(root.count + 1).split(separator: "/", omittingEmptySubsequences: false)
            .map(String.init)
        guard levels.count >= 3, levels[0] == "group" || levels[0] == "site" else { return nil }
        if levels[0] == "group" {
            guard let group = try? GroupID(levels[1]) else { return nil }
            if levels.count == 4, levels[2] == "alert", let slot = AlertSlot(rawValue: levels[3]) {
                return .alert(group: group, slot: slot)
            }
            return levels.count == 3 && levels[2] == "command" ? .groupCommand(group: group) : nil
        }
        guard let site = try? SiteName(levels[1]) else { return nil }
        switch (levels[2], levels.count) {
        case ("command", 3): return .command(site: site)
        case ("config", 3): return .configuration(site: site)
        case ("status", 3): return .status(site: site)
        case ("health", 3): return .health(site: site)
        case ("event", 3): return .event(site: site)
        case ("reply", 5...): return .reply(site: site, office: levels[3])
        default: return nil
        }
    }
}

/// A topic of the scheme, taken apart.
public enum ParsedTopic: Sendable, Equatable {
    /// An alert slot of a group.
    case alert(group: GroupID, slot: AlertSlot)
    /// A group's commands.
    case groupCommand(group: GroupID)
    /// A site's commands.
    case command(site: SiteName)
    /// A site's signed configuration.
    case configuration(site: SiteName)
    /// A site's status.
    case status(site: SiteName)
    /// A site's health.
    case health(site: SiteName)
    /// A site's events.
    case event(site: SiteName)
    /// A site's reply to an office.
    case reply(site: SiteName, office: String)
}
