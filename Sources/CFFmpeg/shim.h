#ifndef COMMUNECAST_CFFMPEG_SHIM_H
#define COMMUNECAST_CFFMPEG_SHIM_H
#include <errno.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/error.h>
#include <libavutil/log.h>
#include <libavutil/samplefmt.h>
#include <libswresample/swresample.h>

/* AVERROR_EOF is a macro built from FFERRTAG, which Swift cannot import. */
static inline int communecast_averror_eof(void) { return AVERROR_EOF; }
/* AVERROR(EAGAIN) is a function-like macro. */
static inline int communecast_averror_eagain(void) { return AVERROR(EAGAIN); }
/* AVERROR(ENOMEM) is a function-like macro. */
static inline int communecast_averror_enomem(void) { return AVERROR(ENOMEM); }
/* AVERROR_DECODER_NOT_FOUND is a macro built from FFERRTAG. */
static inline int communecast_averror_decoder_not_found(void) { return AVERROR_DECODER_NOT_FOUND; }
/* AV_NOPTS_VALUE is a macro with a cast Swift does not import. */
static inline int64_t communecast_av_nopts_value(void) { return AV_NOPTS_VALUE; }
#endif
