import CLibFuzzer
import Glibc

// SwiftPM renames every executable's entry point and points `main` at it, so libFuzzer's own `main` (still linked,
// hence the `LLVMFuzzerTestOneInput` export) never runs; hand the test function to libFuzzer's driver instead.
// It parses the usual libFuzzer flags and corpus directories.
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in data.map { fuzzSchedule($0, size) } ?? 0 })
