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

/* espeak-ng's functions, as Speech calls them (`espeak.espeak_ng_Synthesize(…)`), from libespeak-ng.so.1 (Debian's
 * libespeak-ng1). */
COMMUNECAST_DYNAMIC_TABLE(espeak, COMMUNECAST_ESPEAK_FUNCTIONS, "libespeak-ng.so.1")
#endif
