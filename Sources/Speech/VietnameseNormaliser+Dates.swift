extension VietnameseNormaliser {
    /// "15/9", "15/9/2026", "10-12/9", "ngày 2-9", "9/2026": read as "ngày mười lăm tháng chín năm ...", adding
    /// "ngày" (or "tháng") unless the text already says it.
    func dates(_ text: String) -> String {
        var text = Self.dateRange.apply(to: text) { match in
            guard let first = match.number(1), let last = match.number(2), let month = match.number(3),
                  Self.isDay(first), Self.isDay(last), Self.isMonth(month) else { return nil }
            return dayPrefix(match) + "\(numbers.read(first)) đến \(numbers.read(last))"
                + monthAndYear(month, year: match.number(4))
        }
        text = Self.slashDate.apply(to: text) { match in
            guard let day = match.number(1), let month = match.number(2), Self.isDay(day), Self.isMonth(month) else {
                return nil
            }
            return dayPrefix(match) + numbers.read(day) + monthAndYear(month, year: match.number(3))
        }
        text = Self.dashDate.apply(to: text) { match in
            guard let word = match.group(1), let day = match.number(2), let month = match.number(3),
                  Self.isDay(day), Self.isMonth(month) else { return nil }
            return "\(word) \(numbers.read(day))" + monthAndYear(month, year: match.number(4))
        }
        text = Self.monthYear.apply(to: text) { match in
            guard let month = match.number(1), let year = match.number(2), Self.isMonth(month) else { return nil }
            let prefix = match.previousWord == "tháng" ? "" : "tháng "
            return prefix + "\(numbers.month(month)) năm \(numbers.read(year))"
        }
        return Self.monthName.apply(to: text) { match in
            guard let word = match.group(1), let month = match.number(2), Self.isMonth(month) else { return nil }
            return "\(word) \(numbers.month(month))"
        }
    }

    static let dateRange = RewriteRule(
        #"(?<![\p{N}/.,])(\d{1,2})\s*[-–]\s*(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\p{N}/])"#
    )
    static let slashDate = RewriteRule(#"(?<![\p{N}/.,])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\p{N}/])"#)
    static let dashDate = RewriteRule(
        #"(?<![\p{L}])((?i:ngày|mùng|mồng))\s+(\d{1,2})\s*[-–]\s*(\d{1,2})(?:\s*[-–]\s*(\d{4}))?(?![\p{N}])"#
    )
    static let monthYear = RewriteRule(#"(?<![\p{N}/.,])(\d{1,2})/(\d{4})(?![\p{N}/])"#)
    /// "tháng 4" is "tháng tư".
    static let monthName = RewriteRule(#"(?<![\p{L}])((?i:tháng))\s+(\d{1,2})(?![\p{N}/]|[.,]\d)"#)

    private static func isDay(_ value: Int) -> Bool { (1...31).contains(value) }
    private static func isMonth(_ value: Int) -> Bool { (1...12).contains(value) }

    /// "ngày " unless the word before already is "ngày", "mùng" or "mồng".
    private func dayPrefix(_ match: RewriteRule.Match) -> String {
        ["ngày", "mùng", "mồng"].contains(match.previousWord) ? "" : "ngày "
    }

    /// " tháng chín" or " tháng chín năm hai nghìn không trăm hai mươi sáu".
    private func monthAndYear(_ month: Int, year: Int?) -> String {
        " tháng \(numbers.month(month))" + (year.map { " năm \(numbers.read($0))" } ?? "")
    }
}
