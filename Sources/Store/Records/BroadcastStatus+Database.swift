import BroadcastModel
import GRDB

/// The alerts table and the as-run log store a status as its name.
extension BroadcastStatus: DatabaseValueConvertible {}
