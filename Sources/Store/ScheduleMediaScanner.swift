/// Finds the values of `media:` keys in schedule YAML without parsing it, so the store can refuse to delete media
/// a schedule still plays without depending on a YAML parser or on the `Scheduling` module.
///
/// It is a textual scan, line by line. It sees `media:` in block style (`media: ban-tin`, `- media: "Bản tin"`) and
/// in one-line flow style (`{id: p1, media: ban-tin}`), with or without quotes, and drops trailing `# comments`.
/// It does not see values spread over several lines, YAML anchors and aliases, or keys written in quotes. A miss
/// means a delete goes through and the daemon reports the programme's media as missing when it is due, which it
/// logs as `failed` in the as-run log; a false hit only asks the operator to edit the schedule first.
enum ScheduleMediaScanner {
    /// Every value given to a `media:` key in `yaml`, in order of appearance.
    static func mediaValues(in yaml: String) -> [String] {
        yaml.split(whereSeparator: \.isNewline).flatMap { values(inLine: Array($0)) }
    }

    /// The characters that may stand right before a key.
    private static let keyBoundaries: Set<Character> = [" ", "\t", "-", "{", ","]

    /// The `media:` values in one line.
    private static func values(inLine line: [Character]) -> [String] {
        let key = Array("media:")
        var found: [String] = []
        var index = 0
        var quote: Character?
        while index < line.count {
            let character = line[index]
            if let open = quote {
                if character == open {
                    quote = nil
                }
                index += 1
                continue
            }
            if character == "#", index == 0 || line[index - 1] == " " || line[index - 1] == "\t" {
                break
            }
            if character == "\"" || character == "'" {
                quote = character
                index += 1
                continue
            }
            let startsKey = index == 0 || keyBoundaries.contains(line[index - 1])
            if startsKey, line[index...].starts(with: key) {
                let (value, end) = value(in: line, from: index + key.count)
                if let value {
                    found.append(value)
                }
                index = end
                continue
            }
            index += 1
        }
        return found
    }

    /// The scalar starting at or after `start` (blanks skipped), and the index just past it.
    private static func value(in line: [Character], from start: Int) -> (String?, Int) {
        var index = start
        while index < line.count, line[index] == " " || line[index] == "\t" {
            index += 1
        }
        guard index < line.count else {
            return (nil, index)
        }
        let first = line[index]
        if first == "\"" || first == "'" {
            guard let close = line[(index + 1)...].firstIndex(of: first) else {
                return (String(line[(index + 1)...]), line.count)
            }
            return (String(line[(index + 1)..<close]), close + 1)
        }
        var end = index
        while end < line.count, line[end] != ",", line[end] != "}" {
            if line[end] == "#", line[end - 1] == " " || line[end - 1] == "\t" {
                break
            }
            end += 1
        }
        let text = String(line[index..<end]).trimmingCharacters(in: .whitespaces)
        return (text.isEmpty ? nil : text, end)
    }
}
