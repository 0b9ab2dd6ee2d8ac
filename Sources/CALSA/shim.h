#ifndef COMMUNECAST_CALSA_SHIM_H
#define COMMUNECAST_CALSA_SHIM_H
#include <alsa/asoundlib.h>

/* Swift cannot define a C-variadic function, so the silent error handler that keeps alsa-lib from printing its own
   diagnostics (we report them ourselves, with context) is defined here. */
static void communecast_alsa_quiet_handler(const char *file, int line, const char *function, int err,
                                           const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

/* snd_lib_error_set_handler takes the variadic handler type above, which Swift cannot name. */
static inline void communecast_alsa_silence_errors(void) {
    snd_lib_error_set_handler(communecast_alsa_quiet_handler);
}
#endif
