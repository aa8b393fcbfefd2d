#!/bin/bash
# Kafka for docker-compose.yml: one KRaft node (broker + controller), SASL/SCRAM-SHA-512 for clients, SASL/PLAIN on
# the controller listener, StandardAuthorizer with deny-by-default (variant B of the SASL reference).
# Passwords come from /run/secrets; the generated files stay inside the container (mode 600).
set -euo pipefail
umask 077
ADMIN_PASSWORD=$(cat /run/secrets/kafka-admin-password)
CONTROLLER_PASSWORD=$(cat /run/secrets/kafka-controller-password)
CONF=/tmp/server.properties
DATA=/var/lib/kafka/data

cat >"$CONF" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
controller.listener.names=CONTROLLER
listeners=SASL_PLAINTEXT://:9092,CONTROLLER://:9093
advertised.listeners=SASL_PLAINTEXT://kafka:9092
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
inter.broker.listener.name=SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${ADMIN_PASSWORD}";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="controller" password="${CONTROLLER_PASSWORD}" user_controller="${CONTROLLER_PASSWORD}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:controller
auto.create.topics.enable=false
log.dirs=${DATA}
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
PROPS

cat >/tmp/admin.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${ADMIN_PASSWORD}";
PROPS

# the admin user must exist in the metadata log from the start: without it no user can ever be created
if [[ ! -f $DATA/meta.properties ]]; then
  /opt/kafka/bin/kafka-storage.sh format -t "$(/opt/kafka/bin/kafka-storage.sh random-uuid)" -c "$CONF" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=${ADMIN_PASSWORD}]"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$CONF"
