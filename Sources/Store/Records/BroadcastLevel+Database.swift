import BroadcastModel
import GRDB

/// The as-run log and the alerts table store a level as its name.
extension BroadcastLevel: DatabaseValueConvertible {}
