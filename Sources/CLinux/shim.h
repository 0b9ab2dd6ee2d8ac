#ifndef COMMUNECAST_CLINUX_SHIM_H
#define COMMUNECAST_CLINUX_SHIM_H
/* Linux interfaces that Swift's Glibc module does not export:
 * - adjtimex(2), for the clock's synchronisation state;
 * - timerfd(2) with TFD_TIMER_CANCEL_ON_SET, so the scheduler wakes when the wall clock is set;
 * - eventfd(2), to wake the scheduler when its schedules change. */
#include <sys/timex.h>
#include <sys/timerfd.h>
#include <sys/eventfd.h>
#endif
