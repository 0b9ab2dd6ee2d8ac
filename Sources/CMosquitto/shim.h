#ifndef COMMUNECAST_CMOSQUITTO_SHIM_H
#define COMMUNECAST_CMOSQUITTO_SHIM_H
/* libmosquitto (MQTT 5 client) and its protocol constants. Swift calls every function we use directly: no wrappers. */
#include <mosquitto.h>
#include <mqtt_protocol.h>
#endif
