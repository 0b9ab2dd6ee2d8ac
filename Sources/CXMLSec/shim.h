#ifndef COMMUNECAST_CXMLSEC_SHIM_H
#define COMMUNECAST_CXMLSEC_SHIM_H
/* pkg-config's -D flags for xmlsec1, which SwiftPM drops: without them the structs and xmlSecSize (unsigned int in
   Debian's build) would not match the library's ABI. */
#define XMLSEC_NO_SIZE_T 1
#define XMLSEC_CRYPTO_OPENSSL 1
#define XMLSEC_NO_CRYPTO_DYNAMIC_LOADING 1
#define XMLSEC_OPENSSL3_ENGINES 1
#define XMLSEC_NO_GOST 1
#define XMLSEC_NO_GOST2012 1
/* Debian builds libxml2 with ICU; its ICU headers clash with Foundation's own, and nothing here uses them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
/* xmlsec1 with its OpenSSL back end, called directly (xmlSecOpenSSL*): the xmlSecCrypto* aliases are macros. */
#include <xmlsec/xmlsec.h>
#include <xmlsec/errors.h>
#include <xmlsec/io.h>
#include <xmlsec/keys.h>
#include <xmlsec/list.h>
#include <xmlsec/transforms.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/openssl/app.h>
#include <xmlsec/openssl/crypto.h>
#endif
