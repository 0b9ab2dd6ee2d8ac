extension LunarCalendar {
    private static let stems = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"]
    private static let branches = ["Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"]

    /// The year's name in the sexagenary cycle (can chi), as Vietnamese calendars print it: 2027 is Đinh Mùi.
    public static func yearName(_ year: Int) -> String {
        let stem = ((year + 6) % 10 + 10) % 10
        let branch = ((year + 8) % 12 + 12) % 12
        return "\(stems[stem]) \(branches[branch])"
    }
}
