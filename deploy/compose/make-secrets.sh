#!/usr/bin/env bash
# Writes the files docker-compose.yml reads as secrets into deploy/compose/secrets/ (git-ignored): random passwords,
# the grant credential key, the webhook signing secret, an Ed25519 checkpoint key pair and, for trying it out, a JWT
# key pair (sign tokens with ./eer token --keys deploy/compose/secrets). Existing files are kept.
# In production replace jwt-public-key.pem with the identity provider's public key.
set -euo pipefail
DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets
mkdir -p "$DIR"
umask 077
rnd() { [[ -f $DIR/$1 ]] || openssl rand -base64 "${2:-24}" | tr -d '\n' >"$DIR/$1"; }
for name in postgres-password db-request-password db-approval-password db-grant-password db-expiry-password \
  db-review-password db-audit-password db-audit-app-password db-connector-password kafka-admin-password \
  kafka-controller-password kafka-request-password kafka-approval-password kafka-grant-password \
  kafka-expiry-password kafka-review-password kafka-audit-password webhook-secret; do
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
# the containers run as uid 185 (services), 1000 (kafka) and 999 (postgres): compose bind-mounts these files
chmod 644 "$DIR"/*
echo "secrets in $DIR"
