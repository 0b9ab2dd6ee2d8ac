/// Reads numbers as Vietnamese words, the way a broadcaster says them: `21` "hai mươi mốt", `15` "mười lăm",
/// `105` "một trăm linh năm", `1.005` "một nghìn không trăm linh năm", `2.500.000` "hai triệu năm trăm nghìn".
/// The southern voice says "lẻ" for "linh" and "ngàn" for "nghìn".
public struct VietnameseNumbers: Sendable, Equatable {
    /// Which regional words to use.
    public enum Dialect: String, Sendable {
        case northern, southern
    }

    /// The dialect of the voice that will speak.
    public var dialect: Dialect

    /// Creates a reader for `dialect`.
    public init(dialect: Dialect = .northern) { self.dialect = dialect }

    static let digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    private var zeroTens: String { dialect == .southern ? "lẻ" : "linh" }
    private var thousand: String { dialect == .southern ? "ngàn" : "nghìn" }

    /// A whole number in words. Digit strings too long for an integer are read digit by digit.
    public func read(_ number: Int) -> String {
        number == 0 ? "không" : words(number, full: false).joined(separator: " ")
    }

    /// A string of digits in words: read as a number, or digit by digit when it starts with 0 (a telephone or
    /// document number) or is longer than 15 digits.
    public func read(digits text: Substring) -> String {
        if text.count > 1 && text.first == "0" || text.count > 15 { return spell(text) }
        return read(Int(text) ?? 0)
    }

    /// Digit by digit: "0912" is "không chín một hai".
    public func spell(_ text: Substring) -> String {
        text.compactMap { $0.wholeNumberValue }.map { Self.digits[$0] }.joined(separator: " ")
    }

    /// An ordinal after "thứ": 1 is "nhất" and 4 is "tư" (thứ nhất, thứ tư); the rest are cardinal.
    public func ordinal(_ number: Int) -> String {
        switch number {
        case 1: "nhất"
        case 4: "tư"
        default: read(number)
        }
    }

    /// A month number after "tháng": April is "tháng tư".
    public func month(_ number: Int) -> String { number == 4 ? "tư" : read(number) }

    /// A decimal such as "2,5" ("hai phẩy năm") or "0,05" ("không phẩy không năm"): the fraction is read as a number
    /// when it has at most three digits and no leading zero, digit by digit otherwise.
    public func decimal(whole: Substring, fraction: Substring) -> String {
        let after = fraction.first == "0" || fraction.count > 3 ? spell(fraction) : read(Int(fraction) ?? 0)
        return "\(read(digits: whole)) phẩy \(after)"
    }

    /// Words for `number` > 0. `full` reads a leading group with fewer than three digits in full ("không trăm
    /// linh năm"), as the groups after the first are read.
    private func words(_ number: Int, full: Bool) -> [String] {
        let billion = 1_000_000_000
        if number >= billion {
            let rest = number % billion
            return words(number / billion, full: full) + ["tỷ"] + (rest > 0 ? words(rest, full: true) : [])
        }
        let scales = [(1_000_000, "triệu"), (1_000, thousand), (1, "")]
        var result: [String] = []
        var remaining = number
        var started = false
        for (scale, name) in scales {
            let group = remaining / scale
            remaining %= scale
            guard group > 0 else { continue }
            result += self.group(group, full: started || full)
            if !name.isEmpty { result.append(name) }
            started = true
        }
        return result
    }

    /// 1…999. `full` says "không trăm" and "linh" when the hundreds are zero.
    private func group(_ number: Int, full: Bool) -> [String] {
        let hundreds = number / 100, tens = (number / 10) % 10, units = number % 10
        var result: [String] = []
        if hundreds > 0 || full { result += [Self.digits[hundreds], "trăm"] }
        switch tens {
        case 0:
            if units > 0 {
                if !result.isEmpty { result.append(zeroTens) }
                result.append(Self.digits[units])
            }
        case 1:
            result.append("mười")
            if units > 0 { result.append(units == 5 ? "lăm" : Self.digits[units]) }
        default:
            result += [Self.digits[tens], "mươi"]
            switch units {
            case 0: break
            case 1: result.append("mốt")
            case 5: result.append("lăm")
            default: result.append(Self.digits[units])
            }
        }
        return result
    }
}
