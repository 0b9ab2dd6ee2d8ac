#ifndef COMMUNECAST_COPUSFILE_SHIM_H
#define COMMUNECAST_COPUSFILE_SHIM_H
/* libopusfile needs no wrappers: its API has no variadic functions or function-like macros we call. */
#include <opusfile.h>
#endif
