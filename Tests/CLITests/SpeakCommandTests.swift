import CommuneCastTesting
import Foundation
import Testing

@Suite("media speak: text to a broadcast-ready announcement, and its refusals")
struct SpeakCommandTests {
    static let bulletin = """
        UBND xã Hòa Bình thông báo: Bão số 3 gió mạnh cấp 12, giật cấp 14. Lúc 14h30 ngày 15/9, mực nước sông \
        trên BĐ2 0,3m; lượng mưa 100-200 mm. Đề nghị bà con không ra khơi.
        """

    @Test("--text speaks the normalised words at -16 LUFS, true peak <= -1 dBTP, and reports them in JSON")
    func speaks() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.file("ban-tin.opus")
        let report = try CLI.json("media", "speak", "--text", Self.bulletin, output)
        let spoken = try #require(report["spoken_text"] as? String)
        #expect(spoken.contains("Ủy ban nhân dân xã Hòa Bình"))
        #expect(spoken.contains("mười bốn giờ ba mươi phút ngày mười lăm tháng chín"))
        #expect(spoken.contains("trên báo động hai không phẩy ba mét"))
        let digits = spoken.filter(\.isNumber)
        #expect(digits.isEmpty)
        let encoding = try #require(report["encoding"] as? [String: Any])
        let seconds = try #require(encoding["duration_s"] as? Double)
        #expect(seconds > 8 && seconds < 40)
        let measured = try AudioMeasure.loudness(output)
        #expect(abs(measured.lufs + 16) <= 1, "\(measured.lufs) LUFS")
        #expect(measured.peak <= -1, "\(measured.peak) dBTP")
        #expect(try ProcessRunner.run("opusinfo", [output]).status == 0)
    }

    @Test("--text-file, another voice and rate; an existing OUTPUT is kept without --force")
    func textFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let text = directory.file("thong-bao.txt")
        try Data(Self.bulletin.utf8).write(to: URL(fileURLWithPath: text))
        let output = directory.file("south.opus")
        let south = try CLI.json("media", "speak", "--text-file", text, "--voice", "vi-vn-x-south", "--rate", "200",
                                 output)
        #expect((south["spoken_text"] as? String)?.contains("ngày mười lăm tháng chín") == true)
        #expect(south["voice"] as? String == "vi-vn-x-south")
        let before = try Data(contentsOf: URL(fileURLWithPath: output))
        let again = try CLI.run("media", "speak", "--text", "khác", output)
        #expect(again.status == 1)
        #expect(again.standardError.contains("--force"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == before)
        #expect(try CLI.run("media", "speak", "--text", "khác", output, "--force").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) != before)
    }

    @Test("bad text: exit 1, a clear message, no output", arguments: [
        (["--text", ""], "is empty"),
        (["--text", "  \n\t "], "is empty"),
        (["--text", String(repeating: "mưa lớn ", count: 1_300)], "at most 10000"),
        (["--text", "Thông báo: 台风 sắp đến"], "not Latin script"),
        (["--text", "Внимание"], "not Latin script"),
        (["--text", "xin chào", "--voice", "vi-vn-x-hue"], "'vi-vn-x-hue' is not installed"),
        (["--text-file", "/nonexistent/ban-tin.txt"], "/nonexistent/ban-tin.txt"),
    ])
    func refused(arguments: [String], message: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try ProcessRunner.run(CLI.path, ["media", "speak"] + arguments + [directory.file("out.opus")])
        #expect(result.status == 1, "\(result.status): \(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(try directory.entries().isEmpty)
    }

    @Test("usage errors exit 2", arguments: [
        ["media", "speak", "out.opus"],
        ["media", "speak", "--text", "a", "--text-file", "b.txt", "out.opus"],
        ["media", "speak", "--text", "a", "--rate", "20", "out.opus"],
        ["media", "upload"],
        ["media", "upload", "a.mp3", "--text", "a"],
    ])
    func usage(arguments: [String]) throws {
        let result = try ProcessRunner.run(CLI.path, arguments)
        #expect(result.status == 2, "\(arguments): \(result.standardError)")
    }
}
