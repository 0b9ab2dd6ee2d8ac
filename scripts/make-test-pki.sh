#!/usr/bin/env bash
# Makes the certificates the TLS tests use, in DIRECTORY, by running the `# pki:` blocks of docs/security.md and
# docs/call-home.md exactly as written (with test names), so the documented commands are the tested ones. It then
# adds what only tests need: a second CA with a client of its own, and client certificates that have expired or
# are not valid yet.
#
#   scripts/make-test-pki.sh DIRECTORY
#
# Produces, in DIRECTORY:
#   province-ca.pem/.key          the provincial CA
#   test-site.pem/.key            the site (subjectAltName DNS:xa-an-phu.test, IP:127.0.0.1)
#   elsewhere.pem/.key            a site certificate that names neither localhost nor 127.0.0.1
#   NAME.pem/.key/.sha256         clients signed by the CA, for NAME in so-tt-an-giang can-bo-xa-an-phu giam-sat
#                                 unlisted revoked-staff
#   expired.pem/.key              a client whose validity ended in 2021
#   not-yet-valid.pem/.key        a client valid only from 2099
#   other/province-ca.pem         another CA, and other/intruder.pem/.key a client it signed
#   For signed alerts (issue 14), also NAME.pem/.key/.sha256 for:
#   pho-giam-doc                  a second provincial person (the documented client block)
#   ed25519-staff                 a person with an Ed25519 key
#   so-tt-an-giang-2              a second certificate (new key) for so-tt-an-giang's subject
#   same-key                      so-tt-an-giang's key certified again under another name (ban-chi-huy)
#   no-digital-signature          keyUsage keyAgreement only: may not sign
#   tls-only                      extendedKeyUsage clientAuth only (no documentSigning): may not sign alerts
#   self-signed                   a self-signed certificate with so-tt-an-giang's subject (no .sha256)
#   For call-home (issue 15):
#   broker.pem/.key               the broker (subjectAltName DNS:localhost, IP:127.0.0.1)
#   SITE-uplink.pem/.key          uplink certificates (CN = SITE, clientAuth) for xa-an-phu, xa-phu-tan, xa-cho-moi
#   other/xa-an-phu-uplink.pem    an uplink certificate for xa-an-phu signed by the other CA
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
docs=("$root/docs/security.md" "$root/docs/call-home.md")
out=${1:?usage: make-test-pki.sh DIRECTORY}
mkdir -p "$out"
cd "$out"

# Prints the ```sh block of the docs whose first line is "# pki: NAME".
block() {
    awk -v want="# pki: $1" '
        /^```sh$/ { inside = 1; first = 1; keep = 0; next }
        /^```$/ { inside = 0; next }
        inside && first { first = 0; keep = ($0 == want) }
        inside && keep { print }
    ' "${docs[@]}"
}

# Runs the block named NAME in this shell, so it sees (and sets) the variables as a reader's shell would.
run() {
    local code
    code=$(block "$1")
    if [ -z "$code" ]; then
        echo "make-test-pki: neither docs/security.md nor docs/call-home.md has a '# pki: $1' block" >&2
        exit 1
    fi
    eval "$code"
}

PROVINCE="CommuneCast Test"
SITE=test-site
SITE_DNS=xa-an-phu.test
SITE_IP=127.0.0.1
run names
run ca
run site
(
    SITE=elsewhere
    SITE_IP=10.20.0.17
    run site
)
for STAFF in so-tt-an-giang can-bo-xa-an-phu giam-sat unlisted revoked-staff pho-giam-doc; do
    run client
    run fingerprint | sed 's/^.*=//' > "$STAFF.sha256"
done

# Another province's CA, and a client it signed: a site must refuse it.
mkdir -p other
(
    cd other
    run ca
    STAFF=intruder
    run client
)

# Clients outside their validity period, signed by the right CA. `openssl x509` in OpenSSL 3.0 cannot set the
# start date, so these go through `openssl ca` with a minimal configuration.
mkdir -p ca-db
: > ca-db/index.txt
echo 1000 > ca-db/serial
cat > ca.cnf <<EOF
[ ca ]
default_ca = test_ca
[ test_ca ]
database = ca-db/index.txt
serial = ca-db/serial
new_certs_dir = ca-db
certificate = province-ca.pem
private_key = province-ca.key
default_md = sha256
policy = any_name
unique_subject = no
[ any_name ]
countryName = optional
organizationName = optional
commonName = supplied
[ client ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth, 1.3.6.1.5.5.7.3.36
EOF
sign_dated() {
    local name=$1 start=$2 end=$3
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
        -keyout "$name.key" -out "$name.csr" -subj "/C=VN/O=$PROVINCE/CN=$name" 2>/dev/null
    openssl ca -batch -notext -config ca.cnf -extensions client -startdate "$start" -enddate "$end" \
        -in "$name.csr" -out "$name.pem" 2>/dev/null
}
sign_dated expired 20200101000000Z 20210101000000Z
sign_dated not-yet-valid 20990101000000Z 21000101000000Z

# Signers for the signed-alert tests. issue NAME CN EXTFILE [openssl req key options]: a client certificate for CN,
# signed by the provincial CA with the extensions of EXTFILE, and its fingerprint.
issue() {
    local name=$1 cn=$2 ext=$3
    shift 3
    openssl req -new "$@" -out "$name.csr" -subj "/C=VN/O=$PROVINCE/CN=$cn" 2>/dev/null
    openssl x509 -req -in "$name.csr" -CA province-ca.pem -CAkey province-ca.key -CAcreateserial \
        -days 365 -extfile "$ext" -out "$name.pem" 2>/dev/null
    openssl x509 -in "$name.pem" -noout -fingerprint -sha256 | sed 's/^.*=//' > "$name.sha256"
}
p256=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
cat > no-signing.ext <<EOF
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyAgreement
extendedKeyUsage = clientAuth, 1.3.6.1.5.5.7.3.36
EOF
cat > tls-only.ext <<EOF
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
EOF
issue ed25519-staff ed25519-staff client.ext -newkey ed25519 -nodes -keyout ed25519-staff.key
issue so-tt-an-giang-2 so-tt-an-giang client.ext "${p256[@]}" -keyout so-tt-an-giang-2.key
issue same-key ban-chi-huy client.ext -key so-tt-an-giang.key
cp so-tt-an-giang.key same-key.key
issue no-digital-signature no-digital-signature no-signing.ext "${p256[@]}" -keyout no-digital-signature.key
issue tls-only tls-only tls-only.ext "${p256[@]}" -keyout tls-only.key
openssl req -x509 "${p256[@]}" -keyout self-signed.key -out self-signed.pem -days 365 \
    -subj "/C=VN/O=$PROVINCE/CN=so-tt-an-giang" -addext "basicConstraints=critical,CA:FALSE" \
    -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=clientAuth,1.3.6.1.5.5.7.3.36" 2>/dev/null

# Call-home (docs/call-home.md): the broker's certificate, and uplink certificates for three sites and for a site of
# another province's CA.
BROKER=localhost
BROKER_IP=127.0.0.1
run broker >/dev/null
for SITE in xa-an-phu xa-phu-tan xa-cho-moi; do
    run uplink 2>/dev/null
done
(
    cd other
    SITE=xa-an-phu
    run uplink 2>/dev/null
)
