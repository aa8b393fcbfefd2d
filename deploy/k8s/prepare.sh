#!/usr/bin/env bash
# Fills deploy/k8s/base/secrets/ (git-ignored), which the Kustomize base's generators read: the secrets written by
# deploy/compose/make-secrets.sh, plus copies of the access policy and the payments seed SQL (Kustomize reads
# files only below the kustomization). Then: kubectl apply -k deploy/k8s/base
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
"$ROOT/deploy/compose/make-secrets.sh" >/dev/null
mkdir -p "$HERE/base/secrets"
cp "$ROOT"/deploy/compose/secrets/* "$HERE/base/secrets/"
cp "$ROOT/deploy/local/policy.yaml" "$ROOT/deploy/local/payments-seed.sql" "$HERE/base/secrets/"
echo "inputs in $HERE/base/secrets; now: kubectl apply -k $HERE/base"
