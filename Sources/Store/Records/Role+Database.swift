import ControlProtocol
import GRDB

/// The role an alert was pushed with is stored by its name, so that a cancel can compare it with the caller's.
extension Role: DatabaseValueConvertible {}
