# shellcheck shell=bash disable=SC2034
# EER local environment: the one place that names ports, topics, databases and the environment
# variables every service reads. Sourced by ./eer and deploy/local/infra.sh.
# system-tests start the services from Java with the same variables: keep deploy/local/README.md
# in step with eer_service_env below.

EER_REPO_ROOT="${EER_REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

# name:http-port, in start order
EER_SERVICES=(
  request-service:8081
  approval-service:8082
  grant-service:8083
  expiry-service:8084
  audit-service:8085
  review-service:8086
)

# --- data plane: the PostgreSQL session gateway (session-gateway/README.md), started after the services ---
# name:http-port; its PostgreSQL listener is EER_GATEWAY_PG_PORT
EER_DATA_PLANE=(session-gateway:8087)
EER_GATEWAY_PG_PORT_UP=26432

# eer_gateway_env <keys-dir>: what the gateway reads besides eer_service_env's (call after it, in the same subshell).
# Its token for grant-service (sub session-gateway, group session-gateways) is minted by ./eer up into the keys dir
# and re-read on every redeem; the local PostgreSQL has no TLS, so the hop to the target is plaintext here.
eer_gateway_env() {
  local keys_dir=$1
  case $keys_dir in /*) ;; *) keys_dir="$PWD/$keys_dir" ;; esac
  export EER_GATEWAY_PG_PORT="${EER_GATEWAY_PG_PORT_UP}"
  export EER_GATEWAY_GRANT_SERVICE_URL=http://127.0.0.1:8083
  export EER_GATEWAY_TOKEN_FILE="${keys_dir}/session-gateway.token"
  export EER_GATEWAY_TLS_KEYSTORE="${keys_dir}/session-gateway.p12"
  export EER_GATEWAY_TLS_GENERATE=true
  export EER_GATEWAY_TARGET_SSLMODE=disable
  export EER_GATEWAY_INSTANCE=local
}
# --- end of the data plane block ---

# eer_review_env <keys-dir>: review-service's link to audit-service for the evidence pack's ledger proofs (call after
# eer_service_env, in the same subshell). Its token (sub review-service, group auditors, 12 h) is minted by ./eer into
# the keys dir at every start of review-service; after 12 h the pack says ledger "unavailable" until a restart.
eer_review_env() {
  local keys_dir=$1
  case $keys_dir in /*) ;; *) keys_dir="$PWD/$keys_dir" ;; esac
  export EER_REVIEW_AUDIT_URL="http://127.0.0.1:$(eer_service_port audit-service)"
  if [[ -f ${keys_dir}/review-service.token ]]; then
    EER_REVIEW_AUDIT_TOKEN="$(cat "${keys_dir}/review-service.token")"
    export EER_REVIEW_AUDIT_TOKEN
  fi
}

EER_TOPICS=(
  eer.requests eer.approvals eer.grants eer.sessions eer.gateway eer.expiries eer.reviews eer.alerts eer.checkpoints
  eer.dlq.request eer.dlq.approval eer.dlq.grant eer.dlq.expiry eer.dlq.review eer.dlq.audit
)

EER_DATABASES=(eer_request eer_approval eer_grant eer_expiry eer_review eer_audit eer_gateway payments)

# database superuser created by initdb (owner of every database above)
EER_DB_SUPERUSER=eer
EER_DB_SUPERPASSWORD=eer

# grant-service's connector login on the payments target (created by payments-seed.sql; local password only)
EER_TARGET_CONNECTOR_USER=eer_grant_connector
EER_TARGET_CONNECTOR_PASSWORD=eer-grant-connector-local

EER_JWT_ISSUER_URL=https://eer.local/issuer

# Port sets: ./eer up (and ./eer infra start up); ./eer test (and ./eer infra start test)
# (the test ports may be overridden, so that two checkouts can run their tests side by side)
EER_UP_KAFKA_PORT=29092   EER_UP_PG_PORT=25432
EER_TEST_KAFKA_PORT=${EER_TEST_KAFKA_PORT:-39092} EER_TEST_PG_PORT=${EER_TEST_PG_PORT:-35432}
# ./eer up's LDAP directory (deploy/local/infra.sh, "the local LDAP directory"); grant-service's corp-directory and
# hr-portal targets bind to it as cn=eer-grant-connector (local password only, directory-seed.ldif)
EER_UP_LDAP_PORT=${EER_UP_LDAP_PORT:-10389}
EER_DIRECTORY_BIND_DN="cn=eer-grant-connector,ou=services,dc=eer,dc=local"
EER_DIRECTORY_BIND_PASSWORD=eer-directory-local
# the KRaft controller listens on <kafka-port>+1

# eer_service_env <run-dir> <kafka-port> <pg-port> <keys-dir> [<service-name>]
# Exports the variables a service needs (QUARKUS_HTTP_PORT is set per service by the caller).
# With a service name, also its Kafka principal (EER_KAFKA_USERNAME = the name) and password
# (EER_KAFKA_PASSWORD, from <run-dir>/kafka/credentials.env) - its own only.
# Call it in a subshell when starting a service, e.g.
#   ( eer_service_env .eer/up 29092 25432 .eer/keys request-service; export QUARKUS_HTTP_PORT=8081; exec java -jar ... )
eer_service_env() {
  local run_dir=$1 kafka_port=$2 pg_port=$3 keys_dir=$4 service=${5-}
  case $run_dir in /*) ;; *) run_dir="$PWD/$run_dir" ;; esac
  case $keys_dir in /*) ;; *) keys_dir="$PWD/$keys_dir" ;; esac
  export EER_KAFKA_BOOTSTRAP="127.0.0.1:${kafka_port}"
  export EER_DB_URL_HOST=127.0.0.1
  export EER_DB_PORT="${pg_port}"
  export EER_DB_USER="${EER_DB_SUPERUSER}"
  export EER_DB_PASSWORD="${EER_DB_SUPERPASSWORD}"
  export EER_JWT_PUBLIC_KEY="${keys_dir}/publicKey.pem"
  export EER_JWT_ISSUER="${EER_JWT_ISSUER_URL}"
  export EER_AUDIT_CHECKPOINT_PRIVATE_KEY="${keys_dir}/checkpoint-ed25519.pem"
  export EER_AUDIT_CHECKPOINT_PUBLIC_KEY="${keys_dir}/checkpoint-ed25519.pub.pem"
  export EER_POLICY_FILE="${EER_REPO_ROOT}/deploy/local/policy.yaml"
  export EER_TARGET_PAYMENTS_URL="jdbc:postgresql://127.0.0.1:${pg_port}/payments"
  export EER_TARGET_PAYMENTS_HOST=127.0.0.1
  export EER_TARGET_PAYMENTS_PORT="${pg_port}"
  # grant-service: its connector's own role on the target (payments-seed.sql; CREATEROLE, not superuser) and the
  # credential key ./eer generates into the keys dir (required: grant-service refuses to start without one)
  export EER_TARGET_PAYMENTS_USER="${EER_TARGET_CONNECTOR_USER}"
  export EER_TARGET_PAYMENTS_PASSWORD="${EER_TARGET_CONNECTOR_PASSWORD}"
  # grant-service's LDAP targets (corp-directory, hr-portal): the local directory of ./eer up, configured in its
  # profile `local` (a packaged service runs `prod`; other services have no `local` lines)
  export QUARKUS_PROFILE=prod,local
  export EER_TARGET_DIRECTORY_URL="ldap://127.0.0.1:${EER_UP_LDAP_PORT}"
  export EER_TARGET_DIRECTORY_BIND_DN="${EER_DIRECTORY_BIND_DN}"
  export EER_TARGET_DIRECTORY_PASSWORD="${EER_DIRECTORY_BIND_PASSWORD}"
  # the demo's session agent (sub session-agent-1) may log actions for grants on payments-db only
  export EER_GRANT_DEMO_AGENT_SYSTEMS=payments-db
  # a developer's own run: human-readable log lines (a service's default is JSON lines)
  export EER_LOG_JSON=false
  if [[ -f ${keys_dir}/grant-credential.key ]]; then
    EER_GRANT_CREDENTIAL_KEY="$(cat "${keys_dir}/grant-credential.key")"
    export EER_GRANT_CREDENTIAL_KEY
  fi
  export EER_INFRA_DIR="${run_dir}"
  export EER_REPO_ROOT
  if [[ -n $service ]]; then
    export EER_KAFKA_USERNAME="$service"
    EER_KAFKA_PASSWORD=$(eer_kafka_password "$run_dir" "$service") || return 1
    export EER_KAFKA_PASSWORD
  fi
}

# eer_kafka_password <run-dir> <principal>: prints the principal's password from the run directory's
# kafka/credentials.env (written by infra.sh at the first start; see deploy/local/README.md)
eer_kafka_password() {
  local p=${2^^} value
  value=$(sed -n "s/^export EER_KAFKA_PASSWORD_${p//-/_}=//p" "$1/kafka/credentials.env" 2>/dev/null)
  [[ -n $value ]] || { printf 'no Kafka password for %s in %s/kafka/credentials.env\n' "$2" "$1" >&2; return 1; }
  printf '%s' "$value"
}

# The variables that ./eer test exports for Maven (tests start from these; see README.md).
eer_test_env() {
  local run_dir=$1 kafka_port=$2 pg_port=$3 keys_dir=$4
  case $run_dir in /*) ;; *) run_dir="$PWD/$run_dir" ;; esac
  case $keys_dir in /*) ;; *) keys_dir="$PWD/$keys_dir" ;; esac
  export EER_KAFKA_BOOTSTRAP="127.0.0.1:${kafka_port}"
  export EER_DB_URL_HOST=127.0.0.1
  export EER_DB_PORT="${pg_port}"
  export EER_DB_USER="${EER_DB_SUPERUSER}"
  export EER_DB_PASSWORD="${EER_DB_SUPERPASSWORD}"
  export EER_INFRA_DIR="${run_dir}"
  export EER_REPO_ROOT
  export EER_KEYS_DIR="${keys_dir}"
  # every principal's password (EER_KAFKA_PASSWORD_ADMIN, EER_KAFKA_PASSWORD_REQUEST_SERVICE, ...): module tests
  # connect as their own service (%test profile), probes as admin; system tests hand each service its own
  set -a
  # shellcheck disable=SC1091
  source "$run_dir/kafka/credentials.env"
  set +a
}

# eer_service_port <service-name>  -> prints the HTTP port
eer_service_port() {
  local s
  for s in "${EER_SERVICES[@]}"; do
    if [[ ${s%%:*} == "$1" ]]; then echo "${s##*:}"; return 0; fi
  done
  return 1
}
