#ifndef COMMUNECAST_CSHOUT_SHIM_H
#define COMMUNECAST_CSHOUT_SHIM_H
/* libshout 2.4 (Debian's libshout3-dev): a live source for Icecast. Opened when `communecast live` first connects,
 * not linked: it pulls in Vorbis, Theora, Speex and OpenSSL, about 4 ms of every command's start-up
 * (CDynamic/dynamic.h). The header gives the types, prototypes and constants. */
#include "../CDynamic/dynamic.h"
#include <shout/shout.h>

/* Every function LiveBroadcast calls. */
#define COMMUNECAST_SHOUT_FUNCTIONS(F) \
    F(shout_init) \
    F(shout_new) \
    F(shout_free) \
    F(shout_set_host) \
    F(shout_set_port) \
    F(shout_set_mount) \
    F(shout_set_user) \
    F(shout_set_password) \
    F(shout_set_protocol) \
    F(shout_set_tls) \
    F(shout_set_content_format) \
    F(shout_set_agent) \
    F(shout_set_meta) \
    F(shout_open) \
    F(shout_send) \
    F(shout_get_connected) \
    F(shout_close) \
    F(shout_get_error)

/* libshout's functions, as LiveBroadcast calls them (`libshout.shout_open(handle)`), from libshout.so.3 (Debian's
 * libshout3). */
COMMUNECAST_DYNAMIC_TABLE(shout, COMMUNECAST_SHOUT_FUNCTIONS, "libshout.so.3")
#endif
