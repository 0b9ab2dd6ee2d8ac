#ifndef COMMUNECAST_COPUS_SHIM_H
#define COMMUNECAST_COPUS_SHIM_H
/* Mostly the shared definitions (error codes, OPUS_SET_* request numbers) are used from libopus directly. */
#include <opus.h>

/* opus_decoder_ctl is variadic, which Swift cannot call: set the decoder's output gain (Q8 dB, the OpusHead's). */
static inline int communecast_opus_decoder_set_gain(OpusDecoder *decoder, opus_int32 gain) {
    return opus_decoder_ctl(decoder, OPUS_SET_GAIN(gain));
}

/* opus_decoder_ctl is variadic, which Swift cannot call: forget the decoder's state before a discontinuity. */
static inline int communecast_opus_decoder_reset(OpusDecoder *decoder) {
    return opus_decoder_ctl(decoder, OPUS_RESET_STATE);
}
#endif
