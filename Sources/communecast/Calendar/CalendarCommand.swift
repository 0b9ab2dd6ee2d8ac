import ArgumentParser
import Foundation
import Scheduling

/// `communecast calendar YEAR`: one year of the Vietnamese lunar calendar, to check lunar schedules against.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Print a year of the Vietnamese lunar calendar (âm lịch, UTC+7): Tết and every month's first "
            + "day and length, the leap month marked.",
        discussion: "YEAR is the lunar year, named by the Gregorian year its Tết falls in, 1900 to 2199."
    )

    /// The `--json` shape.
    struct Year: Encodable {
        /// One month.
        struct Month: Encodable {
            let month: Int
            let leap: Bool
            let start: String
            let days: Int
        }

        let year: Int
        let name: String
        let tet: String
        let utcOffset: String
        let leapMonth: Int?
        let months: [Month]
    }

    @Argument(help: "The lunar year (1900-2199).")
    var year: Int

    @Flag(help: "Print a JSON object: year, name, tet, utcOffset, leapMonth and months [{month, leap, start, days}].")
    var json = false

    func validate() throws {
        guard (LunarCalendar.firstYear...LunarCalendar.lastYear).contains(year) else {
            throw ValidationError("YEAR must be \(LunarCalendar.firstYear) to \(LunarCalendar.lastYear)")
        }
    }

    func run() throws {
        let calendar = LunarCalendar.vietnam
        guard let months = calendar.months(ofYear: year), let tet = months.first?.firstDay else {
            throw CLIError("the lunar calendar has no year \(year)")
        }
        let name = LunarCalendar.yearName(year)
        if json {
            return try Terminal.printJSON(Year(
                year: year, name: name, tet: tet.description, utcOffset: "+07:00",
                leapMonth: months.first(where: \.isLeap)?.number,
                months: months.map {
                    Year.Month(month: $0.number, leap: $0.isLeap, start: $0.firstDay.description, days: $0.length)
                }
            ))
        }
        print("Âm lịch \(year) (năm \(name)), computed for UTC+7")
        let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        print("Tết Nguyên Đán: \(tet) (\(weekdays[tet.weekday.isoIndex]))")
        if let leap = months.first(where: \.isLeap) {
            print("Leap month: tháng \(leap.number) nhuận, after the regular month \(leap.number)")
        }
        print("")
        var table = Table("MONTH", "FIRST DAY", "DAYS")
        for month in months { table.add(month.name, month.firstDay.description, "\(month.length)") }
        print(table.render())
    }
}
