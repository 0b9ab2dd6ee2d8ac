#ifndef COMMUNECAST_CLIBXML2_SHIM_H
#define COMMUNECAST_CLIBXML2_SHIM_H
/* libxml2 needs no wrappers: the tree is read through its structs, so nothing allocated needs xmlFree (a macro). */
/* Debian builds libxml2 with ICU; its ICU headers clash with Foundation's own, and nothing here uses them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#endif
