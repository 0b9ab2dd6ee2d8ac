#!/usr/bin/env python3
"""The peer of alert-trust-bench: verifies the same two-signature envelope with python joserfc (both JWS
signatures) and pyca/cryptography's RFC 5280 client verifier (each signer's chain to the provincial CA), COUNT
times, and prints the same line as alert-trust-bench. Work per envelope: parse the JSON, decode both certificates,
build and check both chains, verify both signatures; the same work our verifier does, less its audience, time,
ACL and people checks (which cost microseconds).

    peer_verify.py PKI-DIRECTORY ENVELOPE [COUNT]
"""
import base64
import datetime
import json
import sys
import time
import warnings

from cryptography import x509
from cryptography.x509.verification import Criticality, ExtensionPolicy, PolicyBuilder, Store
from joserfc import jws
from joserfc.jwk import ECKey
from joserfc.jws import JWSRegistry
from joserfc.registry import HeaderParameter

warnings.simplefilter("ignore")
directory, path = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
with open(f"{directory}/province-ca.pem", "rb") as file:
    ca = x509.load_pem_x509_certificate(file.read())
with open(path) as file:
    text = file.read()
# The Web PKI client profile, except that a staff certificate need not carry a subjectAltName.
leaf_policy = ExtensionPolicy.webpki_defaults_ee().may_be_present(x509.SubjectAlternativeName, Criticality.AGNOSTIC,
                                                                   None)
verifier = (PolicyBuilder().store(Store([ca])).time(datetime.datetime.now(datetime.timezone.utc))
            .extension_policies(ca_policy=ExtensionPolicy.webpki_defaults_ca(), ee_policy=leaf_policy)
            .build_client_verifier())
registry = JWSRegistry(header_registry={"part": HeaderParameter("part", "str", True),
                                        "iat": HeaderParameter("iat", "int", True)},
                       algorithms=["ES256", "EdDSA"])
registry.max_header_length = 8192


def key_for(member):
    chain = [x509.load_der_x509_certificate(base64.b64decode(entry)) for entry in member.headers()["x5c"]]
    verifier.verify(chain[0], chain[1:])
    return ECKey.import_key(chain[0].public_key())


def verify_once():
    return jws.deserialize_json(json.loads(text), key_for, registry=registry)


for _ in range(50):
    verify_once()
start = time.perf_counter()
start_cpu = time.process_time()
for _ in range(count):
    verify_once()
cpu = time.process_time() - start_cpu
seconds = time.perf_counter() - start
print(f"count={count} seconds={seconds:.4f} per_envelope_us={seconds / count * 1e6:.1f} "
      f"cpu_us={cpu / count * 1e6:.1f} bytes={len(text)}")
