import Foundation
import GRDB

/// How the store writes instants: Unix seconds as a `REAL`, rounded to the millisecond.
///
/// Seconds keep the columns readable with the `sqlite3` shell (`datetime(startedAt, 'unixepoch')`) and make range
/// queries plain numeric comparisons. Rounding to the millisecond on the way in means a date read back compares
/// equal to the date the store returned when it was written, whatever sub-millisecond noise the clock carried.
/// Every record uses these strategies, and every SQL argument that is a date goes through ``seconds(_:)``, so the
/// two never disagree.
enum StoreTime {
    /// Unix seconds rounded to the millisecond: the value stored for `date`.
    static func seconds(_ date: Date) -> Double {
        (date.timeIntervalSince1970 * 1000).rounded() / 1000
    }

    /// The instant a stored value stands for.
    static func date(_ seconds: Double) -> Date {
        Date(timeIntervalSince1970: seconds)
    }

    /// `date` as it will read back from the database, so that records the store returns equal what it stored.
    static func rounded(_ date: Date) -> Date {
        self.date(seconds(date))
    }

    /// The encoding strategy every record declares for its date columns.
    static let encoding = DatabaseDateEncodingStrategy.custom { seconds($0) }

    /// The decoding strategy every record declares for its date columns.
    static let decoding = DatabaseDateDecodingStrategy.timeIntervalSince1970
}
