#!/bin/bash
# One-shot Kafka setup for docker-compose.yml: topics, one SCRAM user per service, and the ACLs each service needs
# (READ on the topics and the group it consumes, WRITE on the topics it produces and on its dead-letter topic).
# Idempotent. deploy-tests (ComposeFileTest) checks the lines below against every service's channels.
set -euo pipefail
umask 077
BOOTSTRAP=kafka:9092
BIN=/opt/kafka/bin
cat >/tmp/admin.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(cat /run/secrets/kafka-admin-password)";
PROPS
ADMIN=(--bootstrap-server "$BOOTSTRAP" --command-config /tmp/admin.properties)

topic() { "$BIN/kafka-topics.sh" "${ADMIN[@]}" --create --if-not-exists --topic "$1" --partitions 3 --replication-factor 1; }
user() { # user PRINCIPAL SECRET-FILE
  "$BIN/kafka-configs.sh" "${ADMIN[@]}" --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$(cat "/run/secrets/$2")]" >/dev/null
}
allow() { # allow PRINCIPAL OPERATION topic|group NAME (NAME ending in * : every name with that prefix)
  local name=$4 pattern=literal
  if [[ $name == *'*' ]]; then name=${name%'*'}; pattern=prefixed; fi
  "$BIN/kafka-acls.sh" "${ADMIN[@]}" --add --allow-principal "User:$1" --operation "$2" "--$3" "$name" \
    --resource-pattern-type "$pattern" >/dev/null
}

topic eer.requests
topic eer.approvals
topic eer.grants
topic eer.sessions
topic eer.gateway
topic eer.expiries
topic eer.reviews
topic eer.alerts
topic eer.checkpoints
topic eer.dlq.request
topic eer.dlq.approval
topic eer.dlq.grant
topic eer.dlq.expiry
topic eer.dlq.review
topic eer.dlq.audit

user request-service kafka-request-password
user approval-service kafka-approval-password
user grant-service kafka-grant-password
user expiry-service kafka-expiry-password
user review-service kafka-review-password
user audit-service kafka-audit-password
user session-gateway kafka-gateway-password

allow request-service Write topic eer.requests
allow request-service Write topic eer.dlq.request
allow request-service Read topic eer.approvals
allow request-service Read topic eer.grants
allow request-service Read topic eer.expiries
allow request-service Read group request-service

allow approval-service Write topic eer.approvals
allow approval-service Write topic eer.dlq.approval
allow approval-service Read topic eer.requests
allow approval-service Read topic eer.grants
allow approval-service Read group approval-service

allow grant-service Write topic eer.grants
allow grant-service Write topic eer.sessions
allow grant-service Write topic eer.dlq.grant
allow grant-service Read topic eer.approvals
allow grant-service Read topic eer.expiries
allow grant-service Read topic eer.requests
allow grant-service Read group grant-service

allow expiry-service Write topic eer.expiries
allow expiry-service Write topic eer.dlq.expiry
allow expiry-service Read topic eer.grants
allow expiry-service Read group expiry-service

allow review-service Write topic eer.reviews
allow review-service Write topic eer.dlq.review
allow review-service Read topic eer.requests
allow review-service Read topic eer.approvals
allow review-service Read topic eer.grants
allow review-service Read topic eer.sessions
allow review-service Read topic eer.gateway
allow review-service Read group review-service

allow audit-service Write topic eer.alerts
allow audit-service Write topic eer.checkpoints
allow audit-service Write topic eer.dlq.audit
allow audit-service Read topic eer.requests
allow audit-service Read topic eer.approvals
allow audit-service Read topic eer.grants
allow audit-service Read topic eer.sessions
allow audit-service Read topic eer.gateway
allow audit-service Read topic eer.expiries
allow audit-service Read topic eer.reviews
allow audit-service Read topic eer.alerts
allow audit-service Read group audit-service
allow audit-service Read topic eer.dlq.request
allow audit-service Read topic eer.dlq.approval
allow audit-service Read topic eer.dlq.grant
allow audit-service Read topic eer.dlq.expiry
allow audit-service Read topic eer.dlq.review
allow audit-service Read group audit-service-dead-letters

# the gateway: every instance reads every revocation and expiry in a consumer group of its own
# (session-gateway-<instance>, session-gateway-<instance>-expiries), hence a prefixed group ACL
allow session-gateway Write topic eer.gateway
allow session-gateway Read topic eer.grants
allow session-gateway Read topic eer.expiries
allow session-gateway Read group session-gateway-*

echo "kafka-init: topics, users and ACLs are in place"
