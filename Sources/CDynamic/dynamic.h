#ifndef COMMUNECAST_CDYNAMIC_DYNAMIC_H
#define COMMUNECAST_CDYNAMIC_DYNAMIC_H
/* Libraries opened when a command first needs them instead of linked into every binary: each one linked costs every
 * `communecast` command its loading time, an alert push among them (FFmpeg 40 ms; libshout, espeak-ng, libmosquitto,
 * libxml2 and xmlsec1, with OpenSSL and ICU behind them, 13 ms together; BENCHMARKS.md). A wrapper (CFFmpeg, CShout,
 * CEspeakNG, CMosquitto, CLibXML2, CXMLSec) includes this header textually, lists its functions once in an X-macro
 * and declares its table and loader with COMMUNECAST_DYNAMIC_TABLE. Its headers still give the types, prototypes and
 * constants. Not a module. */
#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>

/* A table field, and its name in the list handed to communecast_dynamic_load (COMMUNECAST_DYNAMIC_TABLE). */
#define COMMUNECAST_DYNAMIC_FIELD(name) __typeof__(name) *_Nonnull name;
#define COMMUNECAST_DYNAMIC_NAME(name) #name,
#define COMMUNECAST_DYNAMIC_STRING(x) #x
/* "libNAME.so.MAJOR" from a library name and a header's major-version macro. */
#define COMMUNECAST_DYNAMIC_SONAME(library, major) "lib" library ".so." COMMUNECAST_DYNAMIC_STRING(major)

/* Opens `sonames` in order (RTLD_NOW: a missing symbol fails here, not at the first call) and returns a table of
 * `count` function pointers in the order of `names`, each taken from the first library that exports it, itself or
 * through the libraries it needs; or NULL with `*error` set to the loader's message. The caller copies the table and
 * frees it; the libraries stay open. */
static inline void *_Nullable communecast_dynamic_load(const char *const _Nonnull *_Nonnull sonames, size_t libraries,
                                                       const char *const _Nonnull *_Nonnull names, size_t count,
                                                       const char *_Nullable *_Nonnull error) {
    void *handles[8];
    if (libraries > sizeof handles / sizeof *handles) {
        *error = "too many libraries for one table";
        return NULL;
    }
    for (size_t library = 0; library < libraries; library++) {
        if (!(handles[library] = dlopen(sonames[library], RTLD_NOW))) {
            *error = dlerror();
            return NULL;
        }
    }
    void **table = calloc(count, sizeof *table);
    if (!table) {
        *error = "out of memory";
        return NULL;
    }
    for (size_t function = 0; function < count; function++) {
        for (size_t library = 0; library < libraries && !table[function]; library++) {
            table[function] = dlsym(handles[library], names[function]);
        }
        if (!table[function]) {
            *error = dlerror();
            free(table);
            return NULL;
        }
    }
    return table;
}

/* `struct communecast_NAME`, one field per function of the X-macro FUNCTIONS (a pointer of the function's own type,
 * so Swift calls it as the function: `table.shout_open(…)`), and `communecast_NAME_load(&error)`, which opens the
 * sonames that follow (string literals) and returns the table, or NULL with `*error` set to the loader's message. The
 * caller keeps a copy and frees the table; the libraries stay open. */
#define COMMUNECAST_DYNAMIC_TABLE(NAME, FUNCTIONS, ...) \
    struct communecast_##NAME { \
        FUNCTIONS(COMMUNECAST_DYNAMIC_FIELD) \
    }; \
    static inline struct communecast_##NAME *_Nullable communecast_##NAME##_load( \
        const char *_Nullable *_Nonnull error) { \
        static const char *const sonames[] = {__VA_ARGS__}; \
        static const char *const names[] = {FUNCTIONS(COMMUNECAST_DYNAMIC_NAME)}; \
        _Static_assert(sizeof(struct communecast_##NAME) == sizeof names, "one pointer per function"); \
        return communecast_dynamic_load(sonames, sizeof sonames / sizeof *sonames, names, \
                                        sizeof names / sizeof *names, error); \
    }
#endif
