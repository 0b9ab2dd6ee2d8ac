import Speech
import Testing

/// Real-looking bulletin sentences (People's Committee notices, hydro-meteorological bulletins) and the words a
/// broadcaster says for them.
@Suite("Vietnamese normalisation: bulletin sentences and what should be said")
struct NormaliserTableTests {
    static let northern = VietnameseNormaliser(dialect: .northern)
    static let southern = VietnameseNormaliser(dialect: .southern)

    static let bulletins: [(written: String, spoken: String)] = [
        ("UBND xã thông báo: 14h30 ngày 15/9/2026 họp tại nhà văn hóa.",
         "Ủy ban nhân dân xã thông báo: mười bốn giờ ba mươi phút ngày mười lăm tháng chín năm hai nghìn không trăm "
            + "hai mươi sáu họp tại nhà văn hóa."),
        ("Bão số 3 gió mạnh cấp 12, giật cấp 14.",
         "Bão số ba gió mạnh cấp mười hai, giật cấp mười bốn."),
        ("Mực nước sông Hương lúc 7h tại Kim Long 2,5m, trên BĐ2 0,3m.",
         "Mực nước sông Hương lúc bảy giờ tại Kim Long hai phẩy năm mét, trên báo động hai không phẩy ba mét."),
        ("Từ ngày 10-12/9, lượng mưa phổ biến 100-200 mm, có nơi trên 300 mm.",
         "Từ ngày mười đến mười hai tháng chín, lượng mưa phổ biến một trăm đến hai trăm mi li mét, có nơi trên ba "
            + "trăm mi li mét."),
        ("Nhiệt độ thấp nhất 18-20°C, độ ẩm 85%.",
         "Nhiệt độ thấp nhất mười tám đến hai mươi độ xê, độ ẩm tám mươi lăm phần trăm."),
        ("Vùng gần tâm bão mạnh cấp 8-9, giật cấp 11.",
         "Vùng gần tâm bão mạnh cấp tám đến cấp chín, giật cấp mười một."),
        ("Diện tích lúa bị ngập 1.250 ha, thiệt hại ước tính 2,5 tỷ đồng, 1.250 tấn thóc.",
         "Diện tích lúa bị ngập một nghìn hai trăm năm mươi héc ta, thiệt hại ước tính hai phẩy năm tỷ đồng, một nghìn "
            + "hai trăm năm mươi tấn thóc."),
        ("Lần thứ 3 trong năm, BCH PCTT huyện họp vào thứ 4.",
         "Lần thứ ba trong năm, Ban chỉ huy phòng chống thiên tai huyện họp vào thứ tư."),
        ("Sông Thu Bồn ở mức báo động II, có khả năng lên báo động III.",
         "Sông Thu Bồn ở mức báo động hai, có khả năng lên báo động ba."),
        ("Bão di chuyển với vận tốc 20 km/h theo hướng Tây Tây Bắc.",
         "Bão di chuyển với vận tốc hai mươi ki lô mét trên giờ theo hướng Tây Tây Bắc."),
        ("Kỷ niệm ngày 2-9, TP Huế tổ chức lễ lúc 5:30.",
         "Kỷ niệm ngày hai tháng chín, thành phố Huế tổ chức lễ lúc năm giờ ba mươi phút."),
        ("Cuộc họp bắt đầu lúc 17 giờ ngày 21/11.",
         "Cuộc họp bắt đầu lúc mười bảy giờ ngày hai mươi mốt tháng mười một."),
        ("Dân số xã là 12.105 người, trong đó 1.005 hộ nghèo.",
         "Dân số xã là mười hai nghìn một trăm linh năm người, trong đó một nghìn không trăm linh năm hộ nghèo."),
        ("Hỗ trợ 2.500.000 đồng mỗi hộ; đường dây nóng 0912345678.",
         "Hỗ trợ hai triệu năm trăm nghìn đồng mỗi hộ; đường dây nóng không chín một hai ba bốn năm sáu bảy tám."),
        ("Nhiệt độ xuống -2°C ở vùng núi cao.",
         "Nhiệt độ xuống âm hai độ xê ở vùng núi cao."),
        ("Áp thấp nhiệt đới (ATNĐ) gây mưa 50 - 70mm trong 24h tới.",
         "Áp thấp nhiệt đới (áp thấp nhiệt đới) gây mưa năm mươi đến bảy mươi mi li mét trong hai mươi bốn giờ tới."),
        ("Kế hoạch tháng 9/2026 của HĐND TT Phong Điền.",
         "Kế hoạch tháng chín năm hai nghìn không trăm hai mươi sáu của Hội đồng nhân dân thị trấn Phong Điền."),
        ("Sáng 15/9 lúc 14h05, đến 14h00 thì tạnh.",
         "Sáng ngày mười lăm tháng chín lúc mười bốn giờ năm phút, đến mười bốn giờ thì tạnh."),
        ("Lượng mưa đo được 125,5 mm, mực nước 3.5 m; 45 ha lúa bị ảnh hưởng.",
         "Lượng mưa đo được một trăm hai mươi lăm phẩy năm mi li mét, mực nước ba phẩy năm mét; bốn mươi lăm héc ta "
            + "lúa bị ảnh hưởng."),
        ("Tháng 4 và ngày mùng 1-4, thứ 1 trong 31 xã.",
         "Tháng tư và ngày mùng một tháng tư, thứ nhất trong ba mươi mốt xã."),
    ]

    @Test("each bulletin sentence reads as a broadcaster says it", arguments: bulletins)
    func bulletin(written: String, spoken: String) {
        #expect(Self.northern.normalise(written) == spoken)
    }

    @Test("the southern voice reads lẻ and ngàn")
    func southern() {
        #expect(Self.southern.normalise("Có 105 hộ và 12.105 người.")
                == "Có một trăm lẻ năm hộ và mười hai ngàn một trăm lẻ năm người.")
    }

    @Test("decomposed (NFD) input is composed before matching")
    func decomposed() {
        let nfd = "HĐND huyện họp 14h30".decomposedStringWithCanonicalMapping
        #expect(Self.northern.normalise(nfd) == "Hội đồng nhân dân huyện họp mười bốn giờ ba mươi phút")
    }

    @Test("words that merely contain an abbreviation or a unit are left alone")
    func noFalseMatches() {
        #expect(Self.northern.normalise("ATP và ha ha, mét, quốc lộ 1A, UBNDX")
                == "ATP và ha ha, mét, quốc lộ một A, UBNDX")
    }
}
