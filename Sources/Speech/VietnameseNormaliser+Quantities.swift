import Foundation

extension VietnameseNormaliser {
    /// Units read after a number, longest first so "km/h" wins over "km" and "mm" over "m". Only a unit right after
    /// a number is read, so the word "ha" or a lone "m" elsewhere is left alone.
    static let units: [(written: String, spoken: String)] = [
        ("km/h", "ki lô mét trên giờ"), ("m3/s", "mét khối trên giây"), ("m³/s", "mét khối trên giây"),
        ("m/s", "mét trên giây"), ("km²", "ki lô mét vuông"), ("km2", "ki lô mét vuông"), ("m²", "mét vuông"),
        ("m2", "mét vuông"), ("m³", "mét khối"), ("m3", "mét khối"), ("hPa", "héc tô pát xcan"),
        ("°C", "độ xê"), ("oC", "độ xê"), ("tấn", "tấn"), ("VNĐ", "đồng"), ("mm", "mi li mét"),
        ("cm", "xen ti mét"), ("km", "ki lô mét"), ("kg", "ki lô gam"), ("ha", "héc ta"), ("mb", "mi li ba"),
        ("ml", "mi li lít"), ("°", "độ"), ("%", "phần trăm"), ("m", "mét"), ("đ", "đồng"),
    ].sorted { $0.written.count > $1.written.count }

    static let unitWords = Dictionary(units.map { ($0.written, $0.spoken) }, uniquingKeysWith: { first, _ in first })

    /// A number: thousands with dots and an optional decimal comma ("1.250", "1.250,5"), or digits with an optional
    /// decimal comma or point ("2,5", "2.5").
    private static let number = #"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"#

    static let quantity = RewriteRule(
        #"(?<![\p{N}.,])("# + number + #")(?:\s*[-–]\s*("# + number + #"))?(?:\s*("#
            + units.map { NSRegularExpression.escapedPattern(for: $0.written) }.joined(separator: "|")
            + #")(?![\p{L}\p{N}]))?(?![\p{N}])"#
    )

    /// Numbers with an optional range ("5-10" → "năm đến mười") and unit.
    func quantities(_ text: String) -> String {
        Self.quantity.apply(to: text) { match in
            guard let first = match.group(1) else { return nil }
            var words = read(number: first)
            if let second = match.group(2) { words += " đến \(read(number: second))" }
            if let unit = match.group(3), let spoken = Self.unitWords[String(unit)] { words += " \(spoken)" }
            return words
        }
    }

    /// One number as written in Vietnamese: dots group thousands, a comma (or a lone point) marks decimals.
    func read(number text: Substring) -> String {
        let thousands = text.split(separator: ",", maxSplits: 1)
        if thousands.count == 2 {
            return numbers.decimal(whole: Substring(thousands[0].filter { $0 != "." }), fraction: thousands[1])
        }
        let parts = text.split(separator: ".")
        if parts.count > 1, parts.dropFirst().allSatisfy({ $0.count == 3 }) {
            return numbers.read(digits: Substring(parts.joined()))
        }
        if parts.count == 2 { return numbers.decimal(whole: parts[0], fraction: parts[1]) }
        return numbers.read(digits: text)
    }
}
