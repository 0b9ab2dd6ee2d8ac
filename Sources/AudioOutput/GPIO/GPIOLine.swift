import CGPIOD
#if canImport(Glibc)
import Glibc
#endif

/// Owns one GPIO line requested as an output through libgpiod 1.6 (one Swift owner per C handle): the chip is opened
/// and the line requested with the consumer label `gpioinfo` shows, and both are released on `close()` or deinit.
/// Active-low is handled by the kernel (`GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW`), so `set(active:)` always means
/// "relay energised" whatever the board's wiring.
final class GPIOLine {
    /// The chip as configured: a name (`gpiochip0`), a path (`/dev/gpiochip0`), a number or a label.
    let chipName: String
    /// The line offset on the chip.
    let offset: Int

    private var chip: OpaquePointer?
    private var line: OpaquePointer?

    /// Opens `chip`, and requests line `offset` as an output driven to `active` at once, so the relay is in a known
    /// state from the moment the line is ours.
    init(chip chipName: String, offset: Int, activeLow: Bool, consumer: String, active: Bool) throws(AmplifierError) {
        self.chipName = chipName
        self.offset = offset
        errno = 0
        guard let chip = gpiod_chip_open_lookup(chipName) else {
            throw .chipUnavailable(chip: chipName, message: Self.systemMessage(errno))
        }
        self.chip = chip
        let count = Int(gpiod_chip_num_lines(chip))
        guard offset >= 0, offset < count else {
            close()
            throw .noSuchLine(chip: chipName, line: offset, lineCount: count)
        }
        guard let line = gpiod_chip_get_line(chip, UInt32(offset)) else {
            let message = Self.systemMessage(errno)
            close()
            throw .lineFailed(chip: chipName, line: offset, action: "found", message: message)
        }
        let flags = activeLow ? Int32(GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW) : 0
        do {
            try check(gpiod_line_request_output_flags(line, consumer, flags, active ? 1 : 0),
                      "requested as an output")
        } catch {
            close()
            throw error
        }
        self.line = line
    }

    deinit { close() }

    /// Drives the line to its active (relay energised) or inactive level.
    func set(active: Bool) throws(AmplifierError) {
        guard let line else {
            throw .lineFailed(chip: chipName, line: offset, action: "set", message: "the line was released")
        }
        try check(gpiod_line_set_value(line, active ? 1 : 0), "set \(active ? "active" : "inactive")")
    }

    /// Releases the line and closes the chip; the kernel then leaves the line as it was last driven.
    func close() {
        if let line { gpiod_line_release(line) }
        line = nil
        if let chip { gpiod_chip_close(chip) }
        chip = nil
    }

    /// Every libgpiod return code passes through here: negative means failure, with the reason in errno.
    private func check(_ code: Int32, _ action: String) throws(AmplifierError) {
        guard code < 0 else { return }
        throw .lineFailed(chip: chipName, line: offset, action: action, message: Self.systemMessage(errno))
    }

    /// strerror's text, with a hint for the failures an installer meets most.
    private static func systemMessage(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        switch code {
        case ENOENT: return "\(text) (list the chips with `gpiodetect`)"
        case EACCES, EPERM: return "\(text) (the daemon's user needs access to /dev/gpiochip*: the gpio group)"
        case EBUSY: return "\(text) (another program holds the line; see `gpioinfo`)"
        default: return text
        }
    }
}
