#ifndef COMMUNECAST_CLINUX_SHIM_H
#define COMMUNECAST_CLINUX_SHIM_H
/* Linux interfaces that Swift's Glibc module does not export:
 * - adjtimex(2), for the clock's synchronisation state;
 * - timerfd(2) with TFD_TIMER_CANCEL_ON_SET, so the scheduler wakes when the wall clock is set;
 * - eventfd(2), to wake the scheduler when its schedules change;
 * - openat2(2) with RESOLVE_BENEATH, so a schedule file is never read through a link that leaves its directory. */
#include <sys/timex.h>
#include <sys/timerfd.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>

/* openat2(2) has no glibc wrapper before 2.38 (Debian 12 has 2.36), and syscall(2) is variadic. */
static inline int communecast_openat2(int dirfd, const char *path, unsigned long long flags,
                                      unsigned long long resolve) {
    struct open_how how = { .flags = flags, .mode = 0, .resolve = resolve };
    return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof how);
}
#endif
