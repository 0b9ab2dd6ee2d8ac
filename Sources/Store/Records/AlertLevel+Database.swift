import ControlProtocol
import GRDB

/// The alerts table stores an alert's level as its name.
extension Site.AlertLevel: DatabaseValueConvertible {}
