/* The lean client of bench/daemon_vs_mpd.py's `round_trips_lean` part: the same sequential calls as the Python
 * client (send a request, read to the reply's terminator, in batches alternating between the two servers), with
 * about a microsecond of its own per call instead of the Python client's several, so that the round trip is the
 * servers' and the kernel's. Usage: round_trip_client OURS_SOCKET MPD_SOCKET CALLS BATCH. Prints one JSON object:
 * calls per second for each server over all its batches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static char buffer[65536];

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int connect_to(const char *path) {
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || strlen(path) >= sizeof address.sun_path) exit(1);
    strcpy(address.sun_path, path);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        perror(path);
        exit(1);
    }
    return fd;
}

/* Reads until the bytes read end with `terminator` (every reply here arrives whole before the next call). */
static void read_reply(int fd, const char *terminator, size_t length) {
    size_t have = 0;
    for (;;) {
        ssize_t count = read(fd, buffer + have, sizeof buffer - have);
        if (count <= 0) {
            fprintf(stderr, "connection closed\n");
            exit(1);
        }
        have += (size_t)count;
        if (have >= length && memcmp(buffer + have - length, terminator, length) == 0) return;
    }
}

struct server {
    int fd;
    const char *request;
    size_t request_length;
    const char *terminator;
    size_t terminator_length;
    double seconds;
};

static void calls(struct server *server, int count) {
    double start = now();
    for (int i = 0; i < count; i++) {
        if (write(server->fd, server->request, server->request_length) != (ssize_t)server->request_length) {
            perror("write");
            exit(1);
        }
        read_reply(server->fd, server->terminator, server->terminator_length);
    }
    server->seconds += now() - start;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: round_trip_client OURS_SOCKET MPD_SOCKET CALLS BATCH\n");
        return 2;
    }
    static const char health[] = "{\"method\":\"io.communecast.Site.GetHealth\",\"parameters\":{}}";
    struct server ours = {connect_to(argv[1]), health, sizeof health, "", 1, 0};
    struct server mpd = {connect_to(argv[2]), "status\n", 7, "\nOK\n", 4, 0};
    int total = atoi(argv[3]), batch = atoi(argv[4]);
    read_reply(mpd.fd, "\n", 1); /* MPD's greeting */
    calls(&ours, 200);           /* warm-up, as the Python client */
    calls(&mpd, 200);
    ours.seconds = mpd.seconds = 0;
    for (int done = 0; done + batch <= total; done += batch) {
        calls(&ours, batch);
        calls(&mpd, batch);
    }
    int made = total / batch * batch;
    printf("{\"ours\": %.1f, \"mpd\": %.1f}\n", made / ours.seconds, made / mpd.seconds);
    return 0;
}
