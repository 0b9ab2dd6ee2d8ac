#ifndef COMMUNECAST_COGG_SHIM_H
#define COMMUNECAST_COGG_SHIM_H
/* libogg, for checking every page of an uploaded stream (capture pattern, CRC) without decoding it. */
#include <ogg/ogg.h>
#endif
