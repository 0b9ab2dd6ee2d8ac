import ScheduleFormat

/// libFuzzer's test function for schedule files: YAML parsing, key validation, recurrence rules and the schedule's own
/// consistency checks, exactly as `communecast schedule check` and the daemon run them. Errors are thrown
/// `YAMLIssues`; nothing may trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchedule(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // Files are read as UTF-8 text first (`YAMLFile.read`), so the parser only ever sees valid strings.
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else {
        return 0
    }
    _ = try? ScheduleFile.parse(text, file: "fuzz.yaml")
    return 0
}
