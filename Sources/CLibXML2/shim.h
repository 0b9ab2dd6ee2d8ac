#ifndef COMMUNECAST_CLIBXML2_SHIM_H
#define COMMUNECAST_CLIBXML2_SHIM_H
/* libxml2, opened when the first XML document is parsed (CAP intake, CLI only), not linked: with ICU behind it, it
 * cost every `communecast` command's start-up (CDynamic/dynamic.h). The headers give the types and prototypes; the
 * tree is read through its structs, so nothing allocated needs xmlFree (a global function pointer). */
#include "../CDynamic/dynamic.h"
/* Debian builds libxml2 with ICU; its ICU headers clash with Foundation's own, and nothing here uses them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* Every libxml2 function CAPIntake calls. */
#define COMMUNECAST_LIBXML2_FUNCTIONS(F) \
    F(xmlInitParser) \
    F(xmlSetExternalEntityLoader) \
    F(xmlNewParserCtxt) \
    F(xmlFreeParserCtxt) \
    F(xmlCtxtReadMemory) \
    F(xmlCtxtGetLastError) \
    F(xmlFreeDoc) \
    F(xmlDocGetRootElement) \
    F(xmlUnlinkNode) \
    F(xmlFreeNode) \
    F(xmlAddPrevSibling) \
    F(xmlAddNextSibling) \
    F(xmlAddChild)

/* libxml2's functions, as CAPIntake calls them (`libxml2.xmlFreeDoc(document)`), from libxml2.so.2 (Debian's
 * libxml2). */
COMMUNECAST_DYNAMIC_TABLE(libxml2, COMMUNECAST_LIBXML2_FUNCTIONS, "libxml2.so.2")
#endif
