#!/usr/bin/env bash
# Writes the files docker-compose.yml reads as secrets into deploy/compose/secrets/ (git-ignored): random passwords,
# the grant credential key, the webhook signing secret, an Ed25519 checkpoint key pair and, for trying it out, a JWT
# key pair (sign tokens with ./eer token --keys deploy/compose/secrets), the session gateway's TLS key store and its
# token for grant-service. Existing files are kept, except the gateway token, which is minted again on every run
# (valid 12 h, the services' EER_JWT_MAX_TOKEN_AGE; the gateway re-reads it on every redeem):
#   deploy/compose/make-secrets.sh --gateway-token    # only that
# In production replace jwt-public-key.pem with the identity provider's public key (and the gateway token with one
# the IdP issues to the gateway's client, group session-gateways; the file is rewritten in place, same inode).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIR=$HERE/secrets
mkdir -p "$DIR"
umask 077
# the gateway's token: sub session-gateway, group session-gateways, signed with the compose JWT key (./eer token)
gateway_token() {
  local token
  [[ -f $DIR/privateKey.pem ]] || { echo "no $DIR/privateKey.pem: run make-secrets.sh once without options" >&2; exit 1; }
  token=$("$HERE/../../eer" token --keys "$DIR" --sub session-gateway --groups session-gateways --type EMPLOYEE \
    --ttl 43200)
  printf '%s' "$token" >"$DIR/gateway-token" # truncates in place: the container's bind mount sees the new token
  chmod 644 "$DIR/gateway-token"
}
if [[ ${1-} == --gateway-token ]]; then
  gateway_token
  echo "gateway token in $DIR/gateway-token (valid 12 h)"
  exit 0
fi
rnd() { [[ -f $DIR/$1 ]] || openssl rand -base64 "${2:-24}" | tr -d '\n' >"$DIR/$1"; }
for name in postgres-password db-request-password db-approval-password db-grant-password db-expiry-password \
  db-review-password db-audit-password db-audit-app-password db-connector-password kafka-admin-password \
  kafka-controller-password kafka-request-password kafka-approval-password kafka-grant-password \
  kafka-expiry-password kafka-review-password kafka-audit-password webhook-secret db-gateway-password \
  kafka-gateway-password gateway-tls-password; do
  rnd "$name"
done
rnd grant-credential-key 32 # AES-256-GCM: base64 of 32 random bytes
if [[ ! -f $DIR/checkpoint-ed25519.pem ]]; then
  openssl genpkey -algorithm ed25519 -out "$DIR/checkpoint-ed25519.pem"
  openssl pkey -in "$DIR/checkpoint-ed25519.pem" -pubout -out "$DIR/checkpoint-ed25519.pub.pem"
fi
if [[ ! -f $DIR/jwt-public-key.pem ]]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$DIR/privateKey.pem" 2>/dev/null
  openssl pkey -in "$DIR/privateKey.pem" -pubout -out "$DIR/jwt-public-key.pem"
  cp "$DIR/jwt-public-key.pem" "$DIR/publicKey.pem"
fi
# the gateway's TLS key (PKCS#12; clients connect with sslmode=require, or verify-full against gateway-tls.crt)
if [[ ! -f $DIR/gateway-tls.p12 ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj /CN=session-gateway \
    -addext "subjectAltName=DNS:session-gateway,DNS:localhost,IP:127.0.0.1" \
    -keyout "$DIR/gateway-tls.key" -out "$DIR/gateway-tls.crt" 2>/dev/null
  openssl pkcs12 -export -name session-gateway -inkey "$DIR/gateway-tls.key" -in "$DIR/gateway-tls.crt" \
    -passout "file:$DIR/gateway-tls-password" -out "$DIR/gateway-tls.p12"
  rm -f "$DIR/gateway-tls.key"
fi
gateway_token
# the containers run as uid 185 (services), 1000 (kafka) and 999 (postgres): compose bind-mounts these files
chmod 644 "$DIR"/*
echo "secrets in $DIR"
