#ifndef COMMUNECAST_CMOSQUITTO_SHIM_H
#define COMMUNECAST_CMOSQUITTO_SHIM_H
/* libmosquitto (MQTT 5 client) and its protocol constants. Opened when the first uplink client is made (a site that
 * calls home, a `--via` command), not linked: with OpenSSL behind it, it cost every `communecast` command's start-up
 * (CDynamic/dynamic.h). The headers give the types, prototypes and constants. */
#include "../CDynamic/dynamic.h"
#include <mosquitto.h>
#include <mqtt_protocol.h>

/* Every function Uplink calls. */
#define COMMUNECAST_MOSQUITTO_FUNCTIONS(F) \
    F(mosquitto_lib_init) \
    F(mosquitto_lib_version) \
    F(mosquitto_strerror) \
    F(mosquitto_reason_string) \
    F(mosquitto_pub_topic_check) \
    F(mosquitto_sub_topic_check) \
    F(mosquitto_new) \
    F(mosquitto_destroy) \
    F(mosquitto_user_data_set) \
    F(mosquitto_int_option) \
    F(mosquitto_tls_set) \
    F(mosquitto_tls_opts_set) \
    F(mosquitto_tls_insecure_set) \
    F(mosquitto_will_set_v5) \
    F(mosquitto_connect_bind_v5) \
    F(mosquitto_disconnect_v5) \
    F(mosquitto_socket) \
    F(mosquitto_want_write) \
    F(mosquitto_loop_read) \
    F(mosquitto_loop_write) \
    F(mosquitto_loop_misc) \
    F(mosquitto_publish_v5) \
    F(mosquitto_subscribe_v5) \
    F(mosquitto_unsubscribe_v5) \
    F(mosquitto_connect_v5_callback_set) \
    F(mosquitto_disconnect_v5_callback_set) \
    F(mosquitto_message_v5_callback_set) \
    F(mosquitto_publish_v5_callback_set) \
    F(mosquitto_subscribe_v5_callback_set) \
    F(mosquitto_log_callback_set) \
    F(mosquitto_property_add_binary) \
    F(mosquitto_property_add_int32) \
    F(mosquitto_property_add_string) \
    F(mosquitto_property_add_string_pair) \
    F(mosquitto_property_read_binary) \
    F(mosquitto_property_read_int32) \
    F(mosquitto_property_read_string) \
    F(mosquitto_property_read_string_pair) \
    F(mosquitto_property_free_all)

/* libmosquitto's functions, as Uplink calls them (`libmosquitto.mosquitto_new(…)`), from libmosquitto.so.1 (Debian's
 * libmosquitto1; the soname stayed 1 through 2.0). */
COMMUNECAST_DYNAMIC_TABLE(mosquitto, COMMUNECAST_MOSQUITTO_FUNCTIONS, "libmosquitto.so.1")
#endif
