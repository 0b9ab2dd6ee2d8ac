#ifndef COMMUNECAST_CFFMPEG_SHIM_H
#define COMMUNECAST_CFFMPEG_SHIM_H
/* FFmpeg is opened when a file needs it, not linked: libavformat and libavcodec pull in about a hundred codec
 * libraries, and loading them took 40 ms of the 67 ms every `communecast` command spent starting, an alert push
 * among them (BENCHMARKS.md, issue 11). The headers give the types and the prototypes; `communecast_ffmpeg_load`
 * opens the libraries of the major versions the headers describe and returns the functions MediaImport calls
 * (CDynamic/dynamic.h). */
#include "../CDynamic/dynamic.h"
#include <errno.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/error.h>
#include <libavutil/log.h>
#include <libavutil/samplefmt.h>
#include <libswresample/swresample.h>

/* Every function MediaImport calls. */
#define COMMUNECAST_FFMPEG_FUNCTIONS(F) \
    F(av_log_set_level) \
    F(av_strerror) \
    F(av_frame_alloc) \
    F(av_frame_free) \
    F(av_frame_unref) \
    F(av_get_media_type_string) \
    F(swr_alloc_set_opts2) \
    F(swr_init) \
    F(swr_convert) \
    F(swr_free) \
    F(avcodec_alloc_context3) \
    F(avcodec_free_context) \
    F(avcodec_parameters_to_context) \
    F(avcodec_open2) \
    F(avcodec_send_packet) \
    F(avcodec_receive_frame) \
    F(avcodec_get_name) \
    F(av_packet_alloc) \
    F(av_packet_free) \
    F(av_packet_unref) \
    F(av_packet_get_side_data) \
    F(avformat_open_input) \
    F(avformat_find_stream_info) \
    F(avformat_close_input) \
    F(av_find_best_stream) \
    F(av_read_frame) \
    F(av_stream_get_side_data) \
    F(av_fmt_ctx_get_duration_estimation_method)

/* FFmpeg's functions, as MediaImport calls them (`table.avcodec_send_packet(codec, packet)`), from libavutil,
 * libswresample, libavcodec and libavformat of the headers' major versions. */
COMMUNECAST_DYNAMIC_TABLE(ffmpeg, COMMUNECAST_FFMPEG_FUNCTIONS,
                          COMMUNECAST_DYNAMIC_SONAME("avutil", LIBAVUTIL_VERSION_MAJOR),
                          COMMUNECAST_DYNAMIC_SONAME("swresample", LIBSWRESAMPLE_VERSION_MAJOR),
                          COMMUNECAST_DYNAMIC_SONAME("avcodec", LIBAVCODEC_VERSION_MAJOR),
                          COMMUNECAST_DYNAMIC_SONAME("avformat", LIBAVFORMAT_VERSION_MAJOR))

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
