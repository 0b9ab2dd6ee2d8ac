import Foundation
import ScheduleFormat

/// libFuzzer's test function for schedule files: YAML parsing, key validation, recurrence rules, the schedule's own
/// consistency checks and then its next airings, as `communecast schedule next` and the daemon run them. Errors are
/// thrown `YAMLIssues`; nothing may trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchedule(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // Files are read as UTF-8 text first (`YAMLFile.read`), so the parser only ever sees valid strings.
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else {
        return 0
    }
    guard let schedule = try? ScheduleFile.parse(text, file: "fuzz.yaml") else { return 0 }
    // What `communecast schedule next` and the daemon's planner do with every schedule they accept.
    _ = try? schedule.next(count: 3, after: Date(timeIntervalSince1970: 1_790_000_000))
    return 0
}
