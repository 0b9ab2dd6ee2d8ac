import Daemon

/// libFuzzer's test function for `communecastd.yaml`: YAML parsing, every section's typed keys and ranges, and the
/// `tls:` map, as the daemon runs them at start-up and on SIGHUP. Errors are thrown `YAMLIssues`; nothing may trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfiguration(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // Files are read as UTF-8 text first (`YAMLFile.read`), so the parser only ever sees valid strings.
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else {
        return 0
    }
    _ = try? DaemonConfiguration.parse(text, file: "/etc/communecast/communecastd.yaml")
    return 0
}
