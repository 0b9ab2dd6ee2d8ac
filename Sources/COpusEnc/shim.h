#ifndef COMMUNECAST_COPUSENC_SHIM_H
#define COMMUNECAST_COPUSENC_SHIM_H
#include <opus.h>
#include <opusenc.h>

/* ope_encoder_ctl is variadic and OPUS_SET_* are macros, neither of which Swift can call: one fixed-signature
   wrapper per request we use. */
static inline int communecast_ope_set_bitrate(OggOpusEnc *enc, opus_int32 bps) {
    return ope_encoder_ctl(enc, OPUS_SET_BITRATE(bps));
}
static inline int communecast_ope_set_vbr(OggOpusEnc *enc, opus_int32 on) {
    return ope_encoder_ctl(enc, OPUS_SET_VBR(on));
}
static inline int communecast_ope_set_frame_duration(OggOpusEnc *enc, opus_int32 duration) {
    return ope_encoder_ctl(enc, OPUS_SET_EXPERT_FRAME_DURATION(duration));
}
static inline int communecast_ope_set_complexity(OggOpusEnc *enc, opus_int32 complexity) {
    return ope_encoder_ctl(enc, OPUS_SET_COMPLEXITY(complexity));
}
static inline int communecast_ope_set_serialno(OggOpusEnc *enc, opus_int32 serial) {
    return ope_encoder_ctl(enc, OPE_SET_SERIALNO(serial));
}
static inline int communecast_ope_set_decision_delay(OggOpusEnc *enc, opus_int32 samples) {
    return ope_encoder_ctl(enc, OPE_SET_DECISION_DELAY(samples));
}
static inline int communecast_ope_set_muxing_delay(OggOpusEnc *enc, opus_int32 samples) {
    return ope_encoder_ctl(enc, OPE_SET_MUXING_DELAY(samples));
}
/* The packet callback hands each packet (the two headers first) to `user` as it is made; the two-core encoder
   muxes the packets of two encoders into one stream with libogg. */
static inline int communecast_ope_set_packet_callback(OggOpusEnc *enc, ope_packet_func callback, void *user) {
    return ope_encoder_ctl(enc, OPE_SET_PACKET_CALLBACK(callback, user));
}
static inline int communecast_ope_get_lookahead(OggOpusEnc *enc, opus_int32 *samples) {
    return ope_encoder_ctl(enc, OPUS_GET_LOOKAHEAD(samples));
}
#endif
