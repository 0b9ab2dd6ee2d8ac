#ifndef COMMUNECAST_COGG_SHIM_H
#define COMMUNECAST_COGG_SHIM_H
/* libogg, for checking every page of an uploaded stream (capture pattern, CRC) without decoding it, and for muxing
   the packets of the two-core encoder into one stream. */
#include <ogg/ogg.h>
#endif
