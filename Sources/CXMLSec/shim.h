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
/* xmlsec1 with its OpenSSL back end, called directly (xmlSecOpenSSL*): the xmlSecCrypto* aliases are macros. Opened
 * when the first XML document is parsed (CAP intake, CLI only), not linked: with OpenSSL and libxslt behind it, it
 * cost every `communecast` command's start-up (CDynamic/dynamic.h). */
#include "../CDynamic/dynamic.h"
#include <xmlsec/xmlsec.h>
#include <xmlsec/errors.h>
#include <xmlsec/io.h>
#include <xmlsec/keys.h>
#include <xmlsec/list.h>
#include <xmlsec/transforms.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/openssl/app.h>
#include <xmlsec/openssl/crypto.h>

/* Every xmlsec1 function CAPIntake calls. */
#define COMMUNECAST_XMLSEC_FUNCTIONS(F) \
    F(xmlSecInit) \
    F(xmlSecOpenSSLAppInit) \
    F(xmlSecOpenSSLInit) \
    F(xmlSecIOCleanupCallbacks) \
    F(xmlSecErrorsDefaultCallbackEnableOutput) \
    F(xmlSecErrorsSetCallback) \
    F(xmlSecDSigCtxCreate) \
    F(xmlSecDSigCtxDestroy) \
    F(xmlSecDSigCtxEnableReferenceTransform) \
    F(xmlSecDSigCtxEnableSignatureTransform) \
    F(xmlSecDSigCtxVerify) \
    F(xmlSecKeyDuplicate) \
    F(xmlSecKeyDestroy) \
    F(xmlSecOpenSSLAppKeyLoadMemory) \
    F(xmlSecPtrListGetSize) \
    F(xmlSecPtrListGetItem) \
    F(xmlSecTransformEnvelopedGetKlass) \
    F(xmlSecTransformInclC14NGetKlass) \
    F(xmlSecTransformExclC14NGetKlass) \
    F(xmlSecOpenSSLTransformSha1GetKlass) \
    F(xmlSecOpenSSLTransformSha256GetKlass) \
    F(xmlSecOpenSSLTransformSha384GetKlass) \
    F(xmlSecOpenSSLTransformSha512GetKlass) \
    F(xmlSecOpenSSLTransformRsaSha1GetKlass) \
    F(xmlSecOpenSSLTransformRsaSha256GetKlass) \
    F(xmlSecOpenSSLTransformRsaSha384GetKlass) \
    F(xmlSecOpenSSLTransformRsaSha512GetKlass) \
    F(xmlSecOpenSSLTransformEcdsaSha256GetKlass) \
    F(xmlSecOpenSSLTransformEcdsaSha384GetKlass) \
    F(xmlSecOpenSSLTransformEcdsaSha512GetKlass)

/* xmlsec1's functions, as CAPIntake calls them (`xmlsec.xmlSecDSigCtxVerify(context, node)`), all found through
 * its OpenSSL back end, libxmlsec1-openssl.so.1 (Debian's libxmlsec1-openssl), which brings xmlsec1 itself and libxml2
 * as its own dependencies. */
COMMUNECAST_DYNAMIC_TABLE(xmlsec, COMMUNECAST_XMLSEC_FUNCTIONS, "libxmlsec1-openssl.so.1")
#endif
