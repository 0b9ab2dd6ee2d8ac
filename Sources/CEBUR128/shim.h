#ifndef COMMUNECAST_CEBUR128_SHIM_H
#define COMMUNECAST_CEBUR128_SHIM_H
/* libebur128's API is plain C; the header is wrapped only so Swift can import it as a module. */
#include <ebur128.h>
#endif
