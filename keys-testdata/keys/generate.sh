#!/bin/sh
# Regenerates the bpfsign test PKI in this directory with openssl (3.0 or newer).
#
# Key material is random, so a run produces new keys and signatures; everything else
# (names, serial numbers, validity dates, extensions, revocation date) is fixed here, so a
# regenerated set is interchangeable with the checked-in one. The outputs are checked in
# and listed in SHA256SUMS; tests never run this script. See docs/testdata.md.
set -eu
cd "$(dirname "$0")"
OPENSSL=${OPENSSL:-openssl}

# Fixed validity windows. Good certificates: 20 years from 2026-01-01.
GOOD_FROM=20260101000000Z
GOOD_TO=20460101000000Z
EXPIRED_FROM=20200101000000Z
EXPIRED_TO=20210101000000Z
FUTURE_FROM=20450101000000Z
FUTURE_TO=20460101000000Z
REVOKED_AT=260301000000Z   # index.txt wants UTCTime (YYMMDDHHMMSSZ)
O="/O=bpfsign test"

P8_PASS=bpfsign-test-pkcs8
P12_PASS=bpfsign-test-pkcs12
P12_ALIAS=signer-rsa3072

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One openssl "ca" database per issuer (root, intermediate, self-signed) so serial numbers
# are chosen by this script instead of being random.
for db in root intermediate self; do
  mkdir -p "$work/$db/new"
  : > "$work/$db/index.txt"
  echo 01 > "$work/$db/crlnumber"
done

cat > "$work/ca.cnf" <<CNF
[ ca ]
default_ca = tca
[ tca ]
dir = \$ENV::CADIR
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
crlnumber = \$dir/crlnumber
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
preserve = yes
email_in_dn = no
crl_extensions = ext_crl
[ policy_any ]
organizationName = optional
commonName = supplied
[ req ]
distinguished_name = req_dn
[ req_dn ]
[ ext_root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ ext_intermediate ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ ext_codesign ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = codeSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ ext_signer ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
[ ext_no_digital_signature ]
basicConstraints = critical, CA:false
keyUsage = critical, keyEncipherment
subjectKeyIdentifier = hash
[ ext_no_ski ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
subjectKeyIdentifier = none
authorityKeyIdentifier = none
[ ext_crl ]
authorityKeyIdentifier = keyid:always
CNF

genkey() { # name algorithm-options... -> name.key.pem (PKCS#8, unencrypted)
  name=$1; shift
  "$OPENSSL" genpkey "$@" -out "$name.key.pem" 2>/dev/null
}
rsa() { genkey "$1" -algorithm RSA -pkeyopt "rsa_keygen_bits:$2"; }
ec() { genkey "$1" -algorithm EC -pkeyopt "ec_paramgen_curve:$2" -pkeyopt ec_param_enc:named_curve; }

# issue NAME ISSUER-DB SERIAL EXTENSIONS FROM TO CN [SIGNING-KEY SIGNING-CERT]
# Without a signing key/cert the certificate is self-signed with NAME's own key.
issue() {
  name=$1 db=$2 serial=$3 ext=$4 from=$5 to=$6 cn=$7
  echo "$serial" > "$work/$db/serial"
  CADIR="$work/$db" "$OPENSSL" req -new -config "$work/ca.cnf" -key "$name.key.pem" -subj "$O/CN=$cn" \
    -out "$work/$name.csr"
  # Ed25519 has no separate digest; "-md default" lets openssl pick the right one.
  md=sha256
  case "$ext:$name" in *p384*) md=sha384 ;; *ed25519*) md=default ;; esac
  if [ $# -ge 9 ]; then
    set -- -keyfile "$8" -cert "$9"
  else
    set -- -selfsign -keyfile "$name.key.pem"
  fi
  CADIR="$work/$db" "$OPENSSL" ca -batch -notext -config "$work/ca.cnf" "$@" -md "$md" \
    -extensions "$ext" -startdate "$from" -enddate "$to" \
    -in "$work/$name.csr" -out "$name.cert.pem" 2>"$work/ca.log" \
    || { cat "$work/ca.log" >&2; exit 1; }
}
der() { "$OPENSSL" x509 -in "$1.cert.pem" -outform DER -out "$1.cert.der"; }

rm -f ./*.pem ./*.der ./*.p12 ./*.pass SHA256SUMS

# Chain: root CA -> intermediate CA -> code-signing leaf.
rsa root-ca 3072
issue root-ca root 01 ext_root $GOOD_FROM $GOOD_TO "bpfsign test root CA"
rsa intermediate-ca 3072
issue intermediate-ca root 02 ext_intermediate $GOOD_FROM $GOOD_TO "bpfsign test intermediate CA" \
  root-ca.key.pem root-ca.cert.pem
rsa codesign-leaf 3072
issue codesign-leaf intermediate 1001 ext_codesign $GOOD_FROM $GOOD_TO "bpfsign test code signing leaf" \
  intermediate-ca.key.pem intermediate-ca.cert.pem
der codesign-leaf
cat codesign-leaf.cert.pem intermediate-ca.cert.pem > codesign-chain.pem

# Self-signed signers.
rsa signer-rsa2048 2048
rsa signer-rsa3072 3072
rsa signer-rsa4096 4096
ec signer-p256 P-256
ec signer-p384 P-384
genkey signer-ed25519 -algorithm ED25519
serial=2001
for s in rsa2048 rsa3072 rsa4096 p256 p384 ed25519; do
  issue "signer-$s" self $serial ext_signer $GOOD_FROM $GOOD_TO "bpfsign test signer $s"
  der "signer-$s"
  serial=$((serial + 1))
done

# Other encodings of the same keys, for key-format parsing tests.
"$OPENSSL" rsa -in signer-rsa3072.key.pem -traditional -out signer-rsa3072.pkcs1.key.pem 2>/dev/null
"$OPENSSL" ec -in signer-p256.key.pem -out signer-p256.sec1.key.pem 2>/dev/null
printf '%s' "$P8_PASS" > signer-rsa3072.encrypted.key.pem.pass
"$OPENSSL" pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256 -in signer-rsa3072.key.pem \
  -passout file:signer-rsa3072.encrypted.key.pem.pass -out signer-rsa3072.encrypted.key.pem
printf '%s' "$P12_PASS" > signer-rsa3072.p12.pass
"$OPENSSL" pkcs12 -export -name "$P12_ALIAS" -inkey signer-rsa3072.key.pem -in signer-rsa3072.cert.pem \
  -passout file:signer-rsa3072.p12.pass -out signer-rsa3072.p12

# Negative material, each named after its one defect.
rsa bad-expired 3072
issue bad-expired self 2101 ext_signer $EXPIRED_FROM $EXPIRED_TO "bpfsign test bad expired"
rsa bad-not-yet-valid 3072
issue bad-not-yet-valid self 2102 ext_signer $FUTURE_FROM $FUTURE_TO "bpfsign test bad not yet valid"
rsa bad-no-digital-signature 3072
issue bad-no-digital-signature self 2103 ext_no_digital_signature $GOOD_FROM $GOOD_TO \
  "bpfsign test bad no digitalSignature"
rsa bad-no-ski 3072
issue bad-no-ski self 2104 ext_no_ski $GOOD_FROM $GOOD_TO "bpfsign test bad no SKI"
# The mismatch pair: the certificate is for a second key that is thrown away.
rsa bad-mismatch 3072
mv bad-mismatch.key.pem "$work/other.key.pem"
rsa bad-mismatch 3072
mv bad-mismatch.key.pem "$work/mismatch.key.pem"
cp "$work/other.key.pem" bad-mismatch.key.pem
issue bad-mismatch self 2105 ext_signer $GOOD_FROM $GOOD_TO "bpfsign test bad mismatch"
cp "$work/mismatch.key.pem" bad-mismatch.key.pem
# Revoked leaf: issued by the intermediate like codesign-leaf, listed in its CRL.
rsa bad-revoked-leaf 3072
issue bad-revoked-leaf intermediate 1002 ext_codesign $GOOD_FROM $GOOD_TO "bpfsign test bad revoked leaf" \
  intermediate-ca.key.pem intermediate-ca.cert.pem
CADIR="$work/intermediate" "$OPENSSL" ca -config "$work/ca.cnf" -keyfile intermediate-ca.key.pem \
  -cert intermediate-ca.cert.pem -revoke bad-revoked-leaf.cert.pem -crl_reason keyCompromise 2>/dev/null
# "ca -revoke" stamps the current time; pin it so the CRL content is reproducible.
awk -v at="$REVOKED_AT" 'BEGIN { FS = OFS = "\t" } $1 == "R" { sub(/^[0-9]+Z/, at, $3) } { print }' \
  "$work/intermediate/index.txt" > "$work/index.new"
mv "$work/index.new" "$work/intermediate/index.txt"
CADIR="$work/intermediate" "$OPENSSL" ca -config "$work/ca.cnf" -keyfile intermediate-ca.key.pem \
  -cert intermediate-ca.cert.pem -gencrl -crl_lastupdate $GOOD_FROM -crl_nextupdate $GOOD_TO \
  -out intermediate-ca.crl.pem 2>/dev/null

sha256sum ./*.pem ./*.der ./*.p12 ./*.pass | sed 's| \./| |' > SHA256SUMS
echo "generated $(wc -l < SHA256SUMS) files"
