import BroadcastModel
import GRDB

/// Alert states are stored as their raw text.
extension AlertState: DatabaseValueConvertible {}
