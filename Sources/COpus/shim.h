#ifndef COMMUNECAST_COPUS_SHIM_H
#define COMMUNECAST_COPUS_SHIM_H
/* Only the shared definitions (error codes, OPUS_SET_* request numbers) are used from libopus directly. */
#include <opus.h>
#endif
