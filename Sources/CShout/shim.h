#ifndef COMMUNECAST_CSHOUT_SHIM_H
#define COMMUNECAST_CSHOUT_SHIM_H
/* libshout 2.4 (Debian's libshout3-dev): a live source for Icecast. Every call we use is a plain C function; the
   header is wrapped only so Swift can import it as a module. */
#include <shout/shout.h>
#endif
