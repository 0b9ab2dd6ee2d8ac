#ifndef COMMUNECAST_CLINUX_SHIM_H
#define COMMUNECAST_CLINUX_SHIM_H
/* Linux interfaces that Swift's Glibc module does not export: adjtimex(2) for the clock's synchronisation state. */
#include <sys/timex.h>
#endif
