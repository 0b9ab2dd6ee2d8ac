#include <stddef.h>
#include <stdint.h>

// Declares libFuzzer's driver, which has no header in the toolchain, so each fuzz target's `main` can hand its
// test function to libFuzzer; SwiftPM's renamed executable entry point rules out libFuzzer's own `main`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
