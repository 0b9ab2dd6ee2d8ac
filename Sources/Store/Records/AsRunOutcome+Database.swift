import BroadcastModel
import GRDB

/// The as-run log stores an outcome as its name.
extension AsRunOutcome: DatabaseValueConvertible {}
