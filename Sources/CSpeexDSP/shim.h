#ifndef COMMUNECAST_CSPEEXDSP_SHIM_H
#define COMMUNECAST_CSPEEXDSP_SHIM_H
/* The resampler API is plain C; the header is wrapped only so Swift can import it as a module. */
#include <speex/speex_resampler.h>
#endif
