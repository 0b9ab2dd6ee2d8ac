import Foundation

/// Finds the binaries `swift build` made, so integration tests drive the real `communecast` and `communecastd`
/// exactly as a user would.
public enum BuiltProducts {
    /// The build products directory: `COMMUNECAST_BIN` if set, else the directory holding the running test bundle.
    public static var directory: String {
        if let override = ProcessInfo.processInfo.environment["COMMUNECAST_BIN"] { return override }
        var url = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("communecast").path),
              url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
        }
        return url.path
    }

    /// Path of a built executable product.
    public static func path(of product: String) -> String { "\(directory)/\(product)" }
}
