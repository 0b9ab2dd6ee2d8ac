#ifndef COMMUNECAST_CESPEAKNG_SHIM_H
#define COMMUNECAST_CESPEAKNG_SHIM_H
/* espeak-ng, opened when text is first spoken, not linked: it pulls in PulseAudio and sonic, about 4 ms of every
 * `communecast` command's start-up (CDynamic/dynamic.h). The headers give the types, prototypes and constants. */
#include "../CDynamic/dynamic.h"
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

/* Every function Speech calls. */
#define COMMUNECAST_ESPEAK_FUNCTIONS(F) \
    F(espeak_ng_InitializePath) \
    F(espeak_ng_Initialize) \
    F(espeak_ng_ClearErrorContext) \
    F(espeak_ng_InitializeOutput) \
    F(espeak_ng_GetSampleRate) \
    F(espeak_ng_GetStatusCodeMessage) \
    F(espeak_ng_SetVoiceByName) \
    F(espeak_ng_SetParameter) \
    F(espeak_ng_Synthesize) \
    F(espeak_ng_Synchronize) \
    F(espeak_SetSynthCallback) \
    F(espeak_ListVoices) \
    F(espeak_Info)

/* espeak-ng's functions, as Speech calls them: `table.espeak_ng_Synthesize(…)`. */
struct communecast_espeak {
    COMMUNECAST_ESPEAK_FUNCTIONS(COMMUNECAST_DYNAMIC_FIELD)
};

/* Opens espeak-ng (libespeak-ng.so.1, Debian's libespeak-ng1) and returns its functions, or NULL with `*error` set
 * to the loader's message. The caller keeps a copy and frees the table (the library stays open). */
static inline struct communecast_espeak *_Nullable communecast_espeak_load(const char *_Nullable *_Nonnull error) {
    static const char *const sonames[] = {"libespeak-ng.so.1"};
    static const char *const names[] = {COMMUNECAST_ESPEAK_FUNCTIONS(COMMUNECAST_DYNAMIC_NAME)};
    _Static_assert(sizeof(struct communecast_espeak) == sizeof names, "one pointer per function");
    return communecast_dynamic_load(sonames, 1, names, sizeof names / sizeof *names, error);
}
#endif
