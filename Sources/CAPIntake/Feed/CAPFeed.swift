import Foundation

/// An Atom or RSS 2.0 feed of CAP messages, read with the same safe parse as a message: each entry's id and the URL
/// of its CAP document (a link typed `application/cap+xml`, else the alternate link, else the first).
public struct CAPFeed: Sendable {
    /// One entry.
    public struct Entry: Sendable, Hashable {
        /// The entry's id (Atom `id`, RSS `guid`), else its link.
        public var id: String
        /// The CAP document's absolute URL.
        public var url: String
    }

    /// The entries, in feed order.
    public var entries: [Entry]

    /// Atom's namespace.
    static let atom = "http://www.w3.org/2005/Atom"

    /// Reads `bytes` fetched from `baseURL` (relative links are resolved against it).
    public init(bytes: [UInt8], baseURL: String, maximumBytes: Int) throws(CAPRefusal) {
        let document = try SafeXMLDocument(bytes: bytes, maximumBytes: maximumBytes)
        guard let root = document.root else { throw CAPRefusal("feed", "has no root element") }
        let base = URL(string: baseURL)
        func absolute(_ link: String) -> String? {
            guard let url = URL(string: link.trimmingWhitespace, relativeTo: base)?.absoluteURL,
                  let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return nil }
            return url.absoluteString
        }
        var entries: [Entry] = []
        if root.name == "feed", root.namespace == Self.atom {
            for entry in root.children where entry.name == "entry" && entry.namespace == Self.atom {
                let links = entry.children.filter { $0.name == "link" && $0.namespace == Self.atom }
                let chosen = links.first { $0.attribute("type")?.lowercased() == "application/cap+xml" }
                    ?? links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first
                guard let href = chosen?.attribute("href"), let url = absolute(href) else { continue }
                let id = entry.children.first { $0.name == "id" }?.text.trimmingWhitespace
                entries.append(Entry(id: id.flatMap { $0.isEmpty ? nil : $0 } ?? url, url: url))
            }
        } else if root.name == "rss", let channel = root.children.first(where: { $0.name == "channel" }) {
            for item in channel.children where item.name == "item" {
                let enclosure = item.children.first {
                    $0.name == "enclosure" && $0.attribute("type")?.lowercased() == "application/cap+xml"
                }?.attribute("url")
                let link = enclosure ?? item.children.first { $0.name == "link" }?.text
                guard let link, let url = absolute(link) else { continue }
                let guid = item.children.first { $0.name == "guid" }?.text.trimmingWhitespace
                entries.append(Entry(id: guid.flatMap { $0.isEmpty ? nil : $0 } ?? url, url: url))
            }
        } else {
            throw CAPRefusal(root.name, line: root.line, "is neither an Atom feed nor RSS 2.0")
        }
        self.entries = entries
    }
}
