import Foundation
import Scheduling
import YAMLSupport

/// A schedule file read from the daemon's schedules directory.
public struct LoadedSchedule: Sendable, Equatable {
    /// The file name without `.yaml`; it names the schedule in the control API.
    public let id: String
    /// The file's path.
    public let path: String
    /// The file's text, as read.
    public let yaml: String
    /// The parsed schedule.
    public let schedule: Schedule
    /// When the file was last modified.
    public let modified: Date

    /// Creates a loaded schedule.
    public init(id: String, path: String, yaml: String, schedule: Schedule, modified: Date) {
        self.id = id
        self.path = path
        self.yaml = yaml
        self.schedule = schedule
        self.modified = modified
    }
}

/// Reads every `*.yaml` in a schedules directory (DESIGN §1: `/etc/communecast/schedules/`).
///
/// A file that does not parse is reported and, if an earlier version of it was good, that version stays in force:
/// a typo made while editing never silences a commune's routine. A file that has been deleted is dropped.
public enum ScheduleDirectory {
    /// The result of one reading.
    public struct Reading: Sendable {
        /// The schedules now in force from the directory, by id.
        public var schedules: [String: LoadedSchedule]
        /// One message per file that could not be used, naming the file, line and key.
        public var problems: [String]
    }

    /// Reads the directory; `previous` is what the last reading put in force. `readFile` gives the text of one file
    /// name of the directory, or throws a problem that names the file (the daemon's reader stays inside the
    /// directory and bounds the size); without it, files are read as they are named.
    public static func read(
        _ directory: String, previous: [String: LoadedSchedule] = [:],
        readFile: ((String) throws -> String)? = nil
    ) -> Reading {
        let readFile = readFile ?? { try YAMLFile.read(path: "\(directory)/\($0)") }
        var reading = Reading(schedules: [:], problems: [])
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else { return reading }
        guard isDirectory.boolValue else {
            reading.problems.append("\(directory): not a directory; schedules are read from *.yaml files in one")
            reading.schedules = previous
            return reading
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            reading.problems.append("\(directory): cannot list the directory: \(error.localizedDescription)")
            reading.schedules = previous
            return reading
        }
        for name in names.sorted() where name.hasSuffix(".yaml") && !name.hasPrefix(".") {
            let id = String(name.dropLast(".yaml".count))
            let path = "\(directory)/\(name)"
            do {
                let text = try readFile(name)
                let schedule = try ScheduleFile.parse(text, file: path)
                let attributes = try? FileManager.default.attributesOfItem(atPath: path)
                let modified = attributes?[.modificationDate] as? Date ?? Date()
                reading.schedules[id] = LoadedSchedule(id: id, path: path, yaml: text, schedule: schedule,
                                                       modified: modified)
            } catch {
                let kept = previous[id]
                reading.schedules[id] = kept
                let consequence = kept == nil ? "not loaded" : "the previous version stays in force"
                reading.problems.append("\(error)".trimmingCharacters(in: .whitespacesAndNewlines)
                                        + "\n  (\(path): \(consequence))")
            }
        }
        return reading
    }
}
