#ifndef COMMUNECAST_CGPIOD_SHIM_H
#define COMMUNECAST_CGPIOD_SHIM_H
/* libgpiod 1.6 (Debian 12's libgpiod-dev): the amplifier relay on a GPIO line. Every call we use is a plain C
   function, so no wrappers are needed; this header only gathers the include for the module map. */
#include <gpiod.h>
#endif
