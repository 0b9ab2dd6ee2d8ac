#ifndef COMMUNECAST_CFFMPEG_SHIM_H
#define COMMUNECAST_CFFMPEG_SHIM_H
/* FFmpeg is opened when a file needs it, not linked: libavformat and libavcodec pull in about a hundred codec
 * libraries, and loading them took 40 ms of the 67 ms every `communecast` command spent starting, an alert push
 * among them (BENCHMARKS.md, issue 11). The headers give the types and the prototypes; `communecast_ffmpeg_load`
 * opens the libraries of the major versions the headers describe and returns the functions MediaImport calls. */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/error.h>
#include <libavutil/log.h>
#include <libavutil/samplefmt.h>
#include <libswresample/swresample.h>

/* Every function MediaImport calls, with the library that exports it. */
#define COMMUNECAST_FFMPEG_FUNCTIONS(F) \
    F(avutil, av_log_set_level) \
    F(avutil, av_strerror) \
    F(avutil, av_frame_alloc) \
    F(avutil, av_frame_free) \
    F(avutil, av_frame_unref) \
    F(avutil, av_get_media_type_string) \
    F(swresample, swr_alloc_set_opts2) \
    F(swresample, swr_init) \
    F(swresample, swr_convert) \
    F(swresample, swr_free) \
    F(avcodec, avcodec_alloc_context3) \
    F(avcodec, avcodec_free_context) \
    F(avcodec, avcodec_parameters_to_context) \
    F(avcodec, avcodec_open2) \
    F(avcodec, avcodec_send_packet) \
    F(avcodec, avcodec_receive_frame) \
    F(avcodec, avcodec_get_name) \
    F(avcodec, av_packet_alloc) \
    F(avcodec, av_packet_free) \
    F(avcodec, av_packet_unref) \
    F(avcodec, av_packet_get_side_data) \
    F(avformat, avformat_open_input) \
    F(avformat, avformat_find_stream_info) \
    F(avformat, avformat_close_input) \
    F(avformat, av_find_best_stream) \
    F(avformat, av_read_frame) \
    F(avformat, av_stream_get_side_data) \
    F(avformat, av_fmt_ctx_get_duration_estimation_method)

#define COMMUNECAST_FFMPEG_FIELD(library, name) __typeof__(name) *_Nonnull name;
/* FFmpeg's functions, as MediaImport calls them: `table.avcodec_send_packet(codec, packet)`. */
struct communecast_ffmpeg {
    COMMUNECAST_FFMPEG_FUNCTIONS(COMMUNECAST_FFMPEG_FIELD)
};
#undef COMMUNECAST_FFMPEG_FIELD

#define COMMUNECAST_STRING(x) #x
#define COMMUNECAST_SONAME(library, major) "lib" #library ".so." COMMUNECAST_STRING(major)

/* Opens libavutil, libswresample, libavcodec and libavformat by the sonames of the headers' major versions and
 * returns their functions, or NULL with `*error` set to the loader's message. The caller keeps the table for good
 * (the libraries stay open). */
static inline struct communecast_ffmpeg *_Nullable communecast_ffmpeg_load(const char *_Nullable *_Nonnull error) {
    void *avutil = dlopen(COMMUNECAST_SONAME(avutil, LIBAVUTIL_VERSION_MAJOR), RTLD_NOW);
    void *swresample = avutil ? dlopen(COMMUNECAST_SONAME(swresample, LIBSWRESAMPLE_VERSION_MAJOR), RTLD_NOW) : NULL;
    void *avcodec = swresample ? dlopen(COMMUNECAST_SONAME(avcodec, LIBAVCODEC_VERSION_MAJOR), RTLD_NOW) : NULL;
    void *avformat = avcodec ? dlopen(COMMUNECAST_SONAME(avformat, LIBAVFORMAT_VERSION_MAJOR), RTLD_NOW) : NULL;
    if (!avformat) {
        *error = dlerror();
        return NULL;
    }
    struct communecast_ffmpeg *table = malloc(sizeof *table);
    if (!table) {
        *error = "out of memory";
        return NULL;
    }
#define COMMUNECAST_FFMPEG_LOAD(library, name) \
    if (!(*(void **)&table->name = dlsym(library, #name))) { \
        *error = dlerror(); \
        free(table); \
        return NULL; \
    }
    COMMUNECAST_FFMPEG_FUNCTIONS(COMMUNECAST_FFMPEG_LOAD)
#undef COMMUNECAST_FFMPEG_LOAD
    return table;
}

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
