import Speech
import Testing

@Suite("Vietnamese number reading: mốt/một, lăm/năm, linh/lẻ, mươi/mười, nghìn, triệu, tỷ")
struct NumberReadingTests {
    static let cases: [(Int, String)] = [
        (0, "không"), (1, "một"), (4, "bốn"), (5, "năm"), (10, "mười"), (11, "mười một"), (14, "mười bốn"),
        (15, "mười lăm"), (20, "hai mươi"), (21, "hai mươi mốt"), (24, "hai mươi bốn"), (25, "hai mươi lăm"),
        (31, "ba mươi mốt"), (55, "năm mươi lăm"), (100, "một trăm"), (101, "một trăm linh một"),
        (105, "một trăm linh năm"), (110, "một trăm mười"), (115, "một trăm mười lăm"), (121, "một trăm hai mươi mốt"),
        (1_000, "một nghìn"), (1_001, "một nghìn không trăm linh một"), (1_020, "một nghìn không trăm hai mươi"),
        (1_250, "một nghìn hai trăm năm mươi"), (2_026, "hai nghìn không trăm hai mươi sáu"),
        (10_000, "mười nghìn"), (15_000, "mười lăm nghìn"), (21_000, "hai mươi mốt nghìn"),
        (1_000_000, "một triệu"), (1_000_005, "một triệu không trăm linh năm"),
        (2_500_000, "hai triệu năm trăm nghìn"), (1_000_000_000, "một tỷ"),
        (2_000_500_000, "hai tỷ năm trăm nghìn"), (3_200_000_000, "ba tỷ hai trăm triệu"),
        (1_000_000_000_000, "một nghìn tỷ"),
    ]

    @Test("cardinals", arguments: cases)
    func cardinal(number: Int, words: String) {
        #expect(VietnameseNumbers().read(number) == words)
    }

    @Test("the southern dialect says lẻ and ngàn")
    func southern() {
        let reader = VietnameseNumbers(dialect: .southern)
        #expect(reader.read(105) == "một trăm lẻ năm")
        #expect(reader.read(1_005) == "một ngàn không trăm lẻ năm")
    }

    @Test("ordinals, months, decimals and digit strings")
    func special() {
        let reader = VietnameseNumbers()
        #expect(reader.ordinal(1) == "nhất")
        #expect(reader.ordinal(4) == "tư")
        #expect(reader.ordinal(3) == "ba")
        #expect(reader.month(4) == "tư")
        #expect(reader.month(12) == "mười hai")
        #expect(reader.decimal(whole: "2", fraction: "5") == "hai phẩy năm")
        #expect(reader.decimal(whole: "0", fraction: "05") == "không phẩy không năm")
        #expect(reader.decimal(whole: "12", fraction: "75") == "mười hai phẩy bảy mươi lăm")
        #expect(reader.read(digits: "113") == "một trăm mười ba")
        #expect(reader.read(digits: "0236") == "không hai ba sáu")
        #expect(reader.read(digits: "1234567890123456") == "một hai ba bốn năm sáu bảy tám chín không một hai ba bốn năm sáu")
    }
}
