import BroadcastModel
import ControlProtocol

/// The large status banner of an alert preview: ACTUAL, EXERCISE or TEST in 5-line block letters, so nobody mistakes
/// a real alert for a drill (Hawaii, January 2018) or a drill for a real alert.
enum Banner {
    /// The banner for `status`, framed, with its Vietnamese and English caption.
    static func lines(for status: BroadcastStatus) -> [String] {
        let (word, caption) = switch status {
        case .actual: ("ACTUAL", "BÁO ĐỘNG THẬT: a real alert; every site in the audience airs it")
        case .exercise: ("EXERCISE", "DIỄN TẬP: an exercise, not a real alert")
        case .test: ("TEST", "THỬ NGHIỆM: a technical test, not a real alert")
        }
        let rows = (0..<5).map { row in
            word.map { glyphs[$0]?[row] ?? "     " }.joined(separator: " ")
        }
        let width = max(rows.map(\.count).max() ?? 0, caption.count) + 4
        let rule = String(repeating: "#", count: width + 4)
        let framed = (rows + [""] + [caption]).map { line in
            "##  " + line + String(repeating: " ", count: width - 4 - line.count) + "  ##"
        }
        return [rule] + framed + [rule]
    }

    /// Block letters for the three words.
    private static let glyphs: [Character: [String]] = [
        "A": [" ### ", "#   #", "#####", "#   #", "#   #"],
        "C": [" ####", "#    ", "#    ", "#    ", " ####"],
        "E": ["#####", "#    ", "#### ", "#    ", "#####"],
        "I": ["#####", "  #  ", "  #  ", "  #  ", "#####"],
        "L": ["#    ", "#    ", "#    ", "#    ", "#####"],
        "R": ["#### ", "#   #", "#### ", "#  # ", "#   #"],
        "S": [" ####", "#    ", " ### ", "    #", "#### "],
        "T": ["#####", "  #  ", "  #  ", "  #  ", "  #  "],
        "U": ["#   #", "#   #", "#   #", "#   #", " ### "],
        "X": ["#   #", " # # ", "  #  ", " # # ", "#   #"],
    ]
}
