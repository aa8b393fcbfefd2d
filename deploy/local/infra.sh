#!/usr/bin/env bash
# Local infrastructure for EER without Docker: one Kafka (KRaft, single node) and one PostgreSQL.
#
#   infra.sh prepare                                   build deploy/local if needed, stage .eer/dist
#   infra.sh start  <run-dir> <kafka-port> <pg-port> [up|test]
#                                                      start both (controller on kafka-port+1), create
#                                                      topics, Kafka users + ACLs (kafka-acls.conf; `test`
#                                                      adds the module tests' prefixes) and databases
#                                                      and wait until ready
#   infra.sh stop   <run-dir>                          stop what <run-dir>/pids records, wait for exit
#   infra.sh kill   <run-dir> postgres|kafka           stop one abruptly (PostgreSQL immediate shutdown,
#                                                      SIGKILL of the broker); `start` brings it back
#   infra.sh status <run-dir>
#   infra.sh env    <run-dir>                          print export lines for the running infra
#
# Environment: EER_INFRA_TIMEOUT (seconds a server may start without progress in its log, default 60; five times
#   that in all),
# EER_KAFKA_HEAP (default -Xms256m -Xmx512m), EER_KAFKA_JVM_OPTS (more broker JVM options), EER_PG_OPTS (more
# "-c name=value" server settings, e.g. "-c shared_preload_libraries=pg_stat_statements" to count a bench phase's
# statements), EER_HOME (default <repo>/.eer).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR
source "$HERE/env.sh"
# shellcheck disable=SC1091
source "$HERE/lib.sh"

EER_HOME="${EER_HOME:-$EER_REPO_ROOT/.eer}"
DIST="$EER_HOME/dist"
TARGET="$HERE/target"
TIMEOUT="${EER_INFRA_TIMEOUT:-60}"
die() { printf 'infra: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# prepare: Maven lays out deploy/local/target; we run from a staged copy in .eer/dist so that a
# `mvn clean` while servers run cannot delete jars or PostgreSQL libraries they still load.

sources_newer_than() {
  [[ -e $1 ]] || return 0
  [[ -n $(find "$HERE/pom.xml" "$HERE/src" "$EER_REPO_ROOT/pom.xml" -newer "$1" -print -quit 2>/dev/null) ]]
}

target_complete() {
  [[ -f $TARGET/classes/io/eer/local/CreateTopics.class ]] &&
    compgen -G "$TARGET/kafka-libs/kafka_2.13-*.jar" >/dev/null &&
    compgen -G "$TARGET/tool-libs/postgresql-*.jar" >/dev/null &&
    compgen -G "$TARGET/tool-libs/unboundid-ldapsdk-*.jar" >/dev/null &&
    compgen -G "$TARGET/pg-dist/*.txz" >/dev/null
}

target_manifest() {
  (cd "$TARGET" && find kafka-libs tool-libs classes pg-dist -type f ! -name '*.marker' -print0 |
    sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

# any live process (ours or another run dir's) whose command line points into $DIST
infra_running_from_dist() {
  local f cmd
  for f in /proc/[0-9]*/cmdline; do
    cmd=$({ tr '\0' ' ' <"$f"; } 2>/dev/null) || continue # the process may be gone by now
    [[ $cmd == *"$DIST/"* ]] && is_alive "$(basename "$(dirname "$f")")" && return 0
  done
  return 1
}

extract_txz() {
  if command -v xz >/dev/null 2>&1; then
    tar -xJf "$1" -C "$2"
  else
    python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"
  fi
}

cmd_prepare() {
  mkdir -p "$EER_HOME"
  exec 9>"$EER_HOME/.prepare.lock"
  flock 9
  if [[ -f $DIST/.manifest ]] && ! sources_newer_than "$DIST/.manifest"; then
    return 0
  fi
  if ! target_complete || sources_newer_than "$TARGET/.eer-built"; then
    say "==> building deploy/local (Kafka jars, PostgreSQL binaries, tools) ..."
    local t0
    t0=$(now_ms)
    mvn -B -q -f "$HERE/pom.xml" package -DskipTests 2>&1 | sed -u $'s/\e\\[0m//g' ||
      die "building deploy/local failed (mvn -f deploy/local/pom.xml package)"
    touch "$TARGET/.eer-built"
    say "    built ($(secs_since "$t0"))"
  fi
  local manifest
  manifest=$(target_manifest)
  if [[ -f $DIST/.manifest && $(cat "$DIST/.manifest") == "$manifest" ]]; then
    touch "$DIST/.manifest"
    return 0
  fi
  if [[ -f $DIST/.manifest ]] && infra_running_from_dist; then
    say "    note: deploy/local changed, but infra is running from $DIST; restart it to pick up the change"
    return 0
  fi
  say "==> staging Kafka and PostgreSQL into $DIST"
  local tmp="$DIST.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp/pg"
  cp -r "$TARGET/kafka-libs" "$TARGET/tool-libs" "$TARGET/classes" "$tmp/"
  extract_txz "$(compgen -G "$TARGET/pg-dist/*.txz" | head -n1)" "$tmp/pg"
  [[ -x $tmp/pg/bin/postgres && -x $tmp/pg/bin/initdb && -x $tmp/pg/bin/pg_ctl ]] ||
    die "PostgreSQL archive did not contain bin/postgres, bin/initdb, bin/pg_ctl"
  chmod -R go+rX "$tmp"
  echo "$manifest" >"$tmp/.manifest"
  rm -rf "$DIST"
  mv "$tmp" "$DIST"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL refuses to run as root. As root we run its binaries in a new user namespace
# (`unshare -U`: inside it we are the overflow uid 65534, outside we stay root, so root-owned
# 0700 data directories still work); where user namespaces are not available we fall back to
# `runuser -u nobody` and hand the data directory to nobody.

pg_mode() {
  if [[ -n ${EER_PG_MODE:-} ]]; then # force: direct | unshare | runuser
    echo "$EER_PG_MODE"
  elif [[ $(id -u) != 0 ]]; then
    echo direct
  elif unshare -U true 2>/dev/null; then
    echo unshare
  elif command -v runuser >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
    echo runuser
  else
    die "running as root, but neither 'unshare -U' nor 'runuser -u nobody' works; PostgreSQL refuses root"
  fi
}

pg_as() { # pg_as <mode> <command...>
  local mode=$1
  shift
  case $mode in
    direct) "$@" ;;
    unshare) unshare -U "$@" ;;
    runuser) runuser -u nobody -- "$@" ;;
  esac
}

tool_java() {
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
    -cp "$DIST/classes:$DIST/kafka-libs/*:$DIST/tool-libs/*" "$@"
}

# <run-dir>/kafka/credentials.env: one random password per Kafka principal (admin, the controller's static user and
# every service of kafka-acls.conf), generated before the first format and kept with the data it belongs to
# (the SCRAM users live in the metadata log). Mode 0600; never printed.
kafka_principals() { awk '!/^[[:space:]]*#/ && NF {print $1}' "$HERE/kafka-acls.conf"; }
kafka_password_var() { local p=${1^^}; printf 'EER_KAFKA_PASSWORD_%s' "${p//-/_}"; }
random_secret() { head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }

ensure_kafka_credentials() {
  local file="$RUN/kafka/credentials.env" p
  if [[ -f $file ]]; then
    # a principal added to the table since this run directory was made gets its password now
    for p in admin controller $(kafka_principals); do
      grep -q "^export $(kafka_password_var "$p")=" "$file" ||
        (umask 077 && printf 'export %s=%s\n' "$(kafka_password_var "$p")" "$(random_secret)" >>"$file")
    done
    return 0
  fi
  [[ -f $RUN/kafka/data/meta.properties ]] &&
    die "$RUN/kafka/data exists but $file (its passwords) is gone; remove $RUN/kafka to start Kafka afresh"
  (
    umask 077
    {
      printf '# Kafka passwords of this run directory (written by deploy/local/infra.sh; do not commit, do not log)\n'
      for p in admin controller $(kafka_principals); do
        printf 'export %s=%s\n' "$(kafka_password_var "$p")" "$(random_secret)"
      done
    } >"$file.tmp"
  )
  mv "$file.tmp" "$file"
}

# kafka_secret <principal>: its password from credentials.env (for this script's own use only)
kafka_secret() {
  local var
  var=$(kafka_password_var "$1")
  sed -n "s/^export $var=//p" "$RUN/kafka/credentials.env"
}

kafka_cluster_id() {
  local id
  while :; do
    id=$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    [[ $id != -* ]] && { echo "$id"; return; }
  done
}

STARTED=()
# ---- the local LDAP directory (grant-service's ldap targets corp-directory and hr-portal) --------------------
# Only for ./eer up (mode up): io.eer.local.LocalDirectory, UnboundID's in-memory server on 127.0.0.1:$EER_UP_LDAP_PORT,
# loaded from directory-seed.ldif at every start (nothing persisted). Tests start their own directory.
start_directory() {
  local port=$1
  if [[ -f $RUN/pids/directory.pid ]] && is_ours "$(cat "$RUN/pids/directory.pid")" io.eer.local.LocalDirectory; then
    say "==> LDAP directory already running on 127.0.0.1:$port (pid $(cat "$RUN/pids/directory.pid"))"
    return 0
  fi
  port_open "$port" && die "port $port (LDAP directory) is already in use"
  echo "==== $(date -Is) start" >>"$RUN/logs/directory.log"
  launch "$RUN/pids/directory.pid" "$RUN/logs/directory.log" \
    java -Xms32m -Xmx128m -XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1 \
      -cp "$DIST/classes:$DIST/tool-libs/*" io.eer.local.LocalDirectory "$port" "$HERE/directory-seed.ldif"
  STARTED+=(directory)
  local deadline=$(( $(now_ms) + 30000 ))
  until port_open "$port"; do
    is_alive "$(cat "$RUN/pids/directory.pid")" || { tail_log "$RUN/logs/directory.log"; die "the LDAP directory did not start"; }
    (( $(now_ms) < deadline )) || { tail_log "$RUN/logs/directory.log"; die "the LDAP directory did not listen on $port in 30 s"; }
    sleep 0.1
  done
  say "==> LDAP directory ready on 127.0.0.1:$port (seeded from directory-seed.ldif)"
}

stop_directory() {
  local pidfile="$RUN/pids/directory.pid" pid
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  if is_ours "$pid" io.eer.local.LocalDirectory; then
    kill -TERM "$pid" 2>/dev/null || true
    wait_gone "$pid" 10 || kill -KILL "$pid" 2>/dev/null || true
    say "==> LDAP directory stopped"
  fi
  rm -f "$pidfile"
}
# ---- end of the local LDAP directory -------------------------------------------------------------------------

cleanup_on_failure() {
  local rc=$?
  if (( rc != 0 )) && (( ${#STARTED[@]} > 0 )); then
    say "==> start failed; stopping what this start launched" >&2
    [[ " ${STARTED[*]} " == *" kafka "* ]] && { stop_kafka || true; }
    [[ " ${STARTED[*]} " == *" postgres "* ]] && { stop_postgres || true; }
    [[ " ${STARTED[*]} " == *" directory "* ]] && { stop_directory || true; }
  fi
}

start_kafka() {
  local kport=$1 cport=$2
  if [[ -f $RUN/pids/kafka.pid ]] && is_ours "$(cat "$RUN/pids/kafka.pid")" kafka.Kafka; then
    say "==> Kafka already running on 127.0.0.1:$kport (pid $(cat "$RUN/pids/kafka.pid"))"
    KAFKA_T0=""
    return 0
  fi
  port_open "$kport" && die "port $kport is already in use (another ./eer up or ./eer test running?)"
  port_open "$cport" && die "port $cport (Kafka controller) is already in use"
  local cfg="$RUN/kafka/server.properties"
  ensure_kafka_credentials
  # the broker's copy holds the admin and controller passwords: readable by its owner only; the passwords are put
  # in by bash itself, so that they are on no command line
  local text
  text=$(sed -e "s#@KAFKA_PORT@#$kport#g" -e "s#@CONTROLLER_PORT@#$cport#g" -e "s#@DATA_DIR@#$RUN/kafka/data#g" \
    "$HERE/server.properties")
  text=${text//@ADMIN_PASSWORD@/$(kafka_secret admin)}
  text=${text//@CONTROLLER_PASSWORD@/$(kafka_secret controller)}
  (umask 077 && printf '%s\n' "$text" >"$cfg.tmp") && mv "$cfg.tmp" "$cfg"
  # The default JIT: with C1 only (as the services run) the broker used twice the CPU at rest 20 minutes after the
  # start (1.06 s in 30 s against 0.52 s; 2026-12-06), and the idle stack went over 3 % of the machine.
  # shellcheck disable=SC2206
  local java_cmd=(java ${EER_KAFKA_HEAP:--Xms256m -Xmx512m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:-UsePerfData
    ${EER_KAFKA_JVM_OPTS:-}
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$HERE/kafka-log4j2.xml" -cp "$DIST/kafka-libs/*")
  local format=""
  # first start: format the storage inside the launched process, so it overlaps with initdb
  [[ -f $RUN/kafka/data/meta.properties ]] || format=$(kafka_cluster_id)
  KAFKA_T0=$(now_ms)
  echo "==== $(date -Is) start" >>"$RUN/logs/kafka.log"
  # shellcheck disable=SC2016
  # admin's SCRAM credential must exist from the first start (no user can be created without one); the
  # other users are upserted by KafkaSetup once the broker runs
  local scram=""
  [[ -n $format ]] && scram="SCRAM-SHA-512=[name=admin,password=$(kafka_secret admin)]"
  EER_KAFKA_CFG="$cfg" EER_KAFKA_FORMAT="$format" EER_KAFKA_SCRAM="$scram" launch "$RUN/pids/kafka.pid" "$RUN/logs/kafka.log" \
    bash -c 'if [[ -n $EER_KAFKA_FORMAT ]]; then
               "$@" kafka.tools.StorageTool format -t "$EER_KAFKA_FORMAT" -c "$EER_KAFKA_CFG" \
                 --add-scram "$EER_KAFKA_SCRAM" || exit 1
             fi
             unset EER_KAFKA_SCRAM
             exec "$@" kafka.Kafka "$EER_KAFKA_CFG"' kafka "${java_cmd[@]}"
  STARTED+=(kafka)
}

start_postgres() {
  local pport=$1 mode data="$RUN/pg/data"
  if [[ -f $RUN/pids/postgres.pid ]] && is_ours "$(cat "$RUN/pids/postgres.pid")" postgres; then
    say "==> PostgreSQL already running on 127.0.0.1:$pport (pid $(cat "$RUN/pids/postgres.pid"))"
    PG_T0=""
    return 0
  fi
  port_open "$pport" && die "port $pport is already in use (another ./eer up or ./eer test running?)"
  mode=$(pg_mode)
  echo "$mode" >"$RUN/pg/mode"
  if [[ $mode == runuser ]]; then
    chown -R nobody "$RUN/pg"
    chmod o+x "$RUN" 2>/dev/null || true
  fi
  if [[ ! -f $data/PG_VERSION ]]; then
    rm -rf "$data"
    local pwfile="$RUN/pg/pwfile"
    (umask 077 && printf '%s\n' "$EER_DB_SUPERPASSWORD" >"$pwfile")
    [[ $mode == runuser ]] && chown nobody "$pwfile"
    pg_as "$mode" "$DIST/pg/bin/initdb" -D "$data" -U "$EER_DB_SUPERUSER" --pwfile="$pwfile" \
      --auth=scram-sha-256 -E UTF8 --no-locale --no-instructions >"$RUN/logs/initdb.log" 2>&1 ||
      { rm -f "$pwfile"; tail_log "$RUN/logs/initdb.log"; die "initdb failed (mode: $mode)"; }
    rm -f "$pwfile"
  fi
  PG_T0=$(now_ms)
  echo "==== $(date -Is) start" >>"$RUN/logs/postgres.log"
  [[ $mode == runuser ]] && chown nobody "$RUN/logs/postgres.log"
  local as=()
  case $mode in unshare) as=(unshare -U) ;; runuser) as=(runuser -u nobody --) ;; esac
  launch "$RUN/pids/postgres.pid" "$RUN/logs/postgres.log" \
    "${as[@]}" "$DIST/pg/bin/postgres" -D "$data" \
    -c listen_addresses=127.0.0.1 -c port="$pport" -c unix_socket_directories= \
    -c max_connections=300 -c shared_buffers=128MB \
    -c fsync=on -c full_page_writes=on -c synchronous_commit=on \
    -c timezone=UTC -c log_timezone=UTC -c log_checkpoints=off \
    -c autovacuum_naptime=5min ${EER_PG_OPTS:-}
  STARTED+=(postgres)
}

# wait_ready <name> <port> <pidfile> <log> <t0>
wait_ready() {
  local name=$1 port=$2 pidfile=$3 log=$4 t0=$5 pid
  pid=$(cat "$pidfile")
  printf '==> starting %s on 127.0.0.1:%s ... ' "$name" "$port"
  # TIMEOUT is the longest a server may go without progress: while its log still grows (a JVM starting slowly on
  # a loaded machine), the wait is extended, up to five times TIMEOUT in all; a server that exits fails at once.
  local deadline=$(( t0 + TIMEOUT * 1000 )) ceiling=$(( t0 + 5 * TIMEOUT * 1000 )) size last_size=-1
  until port_open "$port"; do
    if ! is_alive "$pid"; then
      say "FAILED (exited)"
      tail_log "$log"
      die "$name exited during start-up (log: $log)"
    fi
    size=$(wc -c <"$log" 2>/dev/null || echo 0)
    if (( size != last_size )); then
      last_size=$size
      deadline=$(( $(now_ms) + TIMEOUT * 1000 ))
      (( deadline <= ceiling )) || deadline=$ceiling
    fi
    if (( $(now_ms) >= deadline )); then
      say "FAILED (not answering, no progress for ${TIMEOUT}s or $(( 5 * TIMEOUT ))s in all)"
      tail_log "$log"
      die "$name did not open port $port (log: $log)"
    fi
    sleep 0.1
  done
  say "ready ($(secs_since "$t0"))"
}

write_env_file() {
  local kport=$1 pport=$2
  cat >"$RUN/infra.env" <<EOF
# written by deploy/local/infra.sh start; source it to point a test run or an IDE at this infra
export EER_KAFKA_BOOTSTRAP=127.0.0.1:$kport
export EER_DB_URL_HOST=127.0.0.1
export EER_DB_PORT=$pport
export EER_DB_USER=$EER_DB_SUPERUSER
export EER_DB_PASSWORD=$EER_DB_SUPERPASSWORD
export EER_INFRA_DIR=$RUN
export EER_REPO_ROOT=$EER_REPO_ROOT
# Kafka passwords (EER_KAFKA_PASSWORD_<PRINCIPAL>); tests use their service's and admin's
. $RUN/kafka/credentials.env
EOF
  printf '%s %s\n' "$kport" "$pport" >"$RUN/ports"
}

cmd_start() {
  (( $# == 3 || $# == 4 )) || die "usage: infra.sh start <run-dir> <kafka-port> <pg-port> [up|test]"
  RUN=$(abs_path "$1")
  local kport=$2 pport=$3 cport=$(($2 + 1)) acl_mode=${4:-up} t_all
  [[ $acl_mode == up || $acl_mode == test ]] || die "start: the fourth argument is up or test, not '$acl_mode'"
  t_all=$(now_ms)
  command -v java >/dev/null 2>&1 || die "java is not on PATH"
  cmd_prepare
  exec 9>&-
  mkdir -p "$RUN/logs" "$RUN/pids" "$RUN/kafka" "$RUN/pg"
  trap cleanup_on_failure EXIT

  start_kafka "$kport" "$cport"
  start_postgres "$pport"
  # PostgreSQL is usually ready first; waiting for it first keeps both reported times honest
  if [[ -n $PG_T0 ]]; then
    wait_ready PostgreSQL "$pport" "$RUN/pids/postgres.pid" "$RUN/logs/postgres.log" "$PG_T0"
    # record the postmaster's own pid (runuser keeps a parent process around)
    local pm
    pm=$(head -n1 "$RUN/pg/data/postmaster.pid" 2>/dev/null || true)
    [[ -n $pm ]] && is_alive "$pm" && echo "$pm" >"$RUN/pids/postgres.pid"
  fi
  if [[ -n $KAFKA_T0 ]]; then
    wait_ready Kafka "$kport" "$RUN/pids/kafka.pid" "$RUN/logs/kafka.log" "$KAFKA_T0"
  fi

  printf '==> creating %d topics and %d databases ... ' "${#EER_TOPICS[@]}" "${#EER_DATABASES[@]}"
  local t0
  t0=$(now_ms)
  # topics, SCRAM users and ACLs, as admin (the passwords reach the JVM by environment, never its command line)
  (set -a && source "$RUN/kafka/credentials.env" && set +a &&
    tool_java io.eer.local.KafkaSetup "127.0.0.1:$kport" "$acl_mode" "$HERE/kafka-acls.conf" "${EER_TOPICS[@]}") \
    >"$RUN/logs/create-topics.log" 2>&1 &
  local topics_pid=$!
  tool_java io.eer.local.CreateDatabases "jdbc:postgresql://127.0.0.1:$pport/postgres" \
    "$EER_DB_SUPERUSER" "$EER_DB_SUPERPASSWORD" "${EER_DATABASES[@]}" >"$RUN/logs/create-databases.log" 2>&1 &
  local dbs_pid=$! ok=1
  wait "$topics_pid" || ok=0
  wait "$dbs_pid" || ok=$((ok == 1 ? 2 : 0))
  if (( ok != 1 )); then
    say "FAILED"
    (( ok == 0 )) && tail_log "$RUN/logs/create-topics.log"
    tail_log "$RUN/logs/create-databases.log"
    die "provisioning failed"
  fi
  say "done ($(secs_since "$t0")): $(tail -n1 "$RUN/logs/create-topics.log"); $(tail -n1 "$RUN/logs/create-databases.log")"
  # the demo target: group roles db_admin/read_only and a payments.invoices table (idempotent)
  if ! tool_java io.eer.local.SqlProbe "jdbc:postgresql://127.0.0.1:$pport/payments" \
      "$EER_DB_SUPERUSER" "$EER_DB_SUPERPASSWORD" "$(cat "$HERE/payments-seed.sql")" >"$RUN/logs/payments-seed.log" 2>&1; then
    tail_log "$RUN/logs/payments-seed.log"
    die "seeding the payments database failed"
  fi
  # the local LDAP directory: ./eer up only
  [[ $acl_mode == up ]] && start_directory "$EER_UP_LDAP_PORT"
  write_env_file "$kport" "$pport"
  say "==> infra ready in $(secs_since "$t_all"): Kafka 127.0.0.1:$kport, PostgreSQL 127.0.0.1:$pport (user $EER_DB_SUPERUSER, password $EER_DB_SUPERPASSWORD); logs in $RUN/logs"
  trap - EXIT
}

stop_kafka() {
  local pidfile="$RUN/pids/kafka.pid" pid t0
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  if is_ours "$pid" kafka.Kafka; then
    t0=$(now_ms)
    printf '==> stopping Kafka (pid %s) ... ' "$pid"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" 30; then
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 10 || true
      say "killed ($(secs_since "$t0"))"
    else
      say "stopped ($(secs_since "$t0"))"
    fi
  fi
  rm -f "$pidfile"
}

stop_postgres() {
  local pidfile="$RUN/pids/postgres.pid" pid="" t0 mode data="$RUN/pg/data"
  [[ -f $pidfile ]] && pid=$(cat "$pidfile")
  if [[ -z $pid || ! -d /proc/$pid ]] && [[ -f $data/postmaster.pid ]]; then
    pid=$(head -n1 "$data/postmaster.pid")
  fi
  if [[ -n $pid ]] && is_ours "$pid" postgres; then
    t0=$(now_ms)
    printf '==> stopping PostgreSQL (pid %s) ... ' "$pid"
    mode=$(cat "$RUN/pg/mode" 2>/dev/null || pg_mode)
    if [[ -f $data/postmaster.pid ]]; then
      pg_as "$mode" "$DIST/pg/bin/pg_ctl" stop -D "$data" -m fast -w -t 30 >/dev/null 2>&1 ||
        kill -INT "$pid" 2>/dev/null || true
    else
      kill -INT "$pid" 2>/dev/null || true
    fi
    if ! wait_gone "$pid" 30; then
      kill -QUIT "$pid" 2>/dev/null || true
      wait_gone "$pid" 10 || kill -KILL "$pid" 2>/dev/null || true
      say "killed ($(secs_since "$t0"))"
    else
      say "stopped ($(secs_since "$t0"))"
    fi
  fi
  rm -f "$pidfile"
}

cmd_stop() {
  (( $# == 1 )) || die "usage: infra.sh stop <run-dir>"
  RUN=$(abs_path "$1")
  [[ -d $RUN ]] || return 0
  stop_kafka
  stop_postgres
  stop_directory
}

# the faults ./eer chaos injects: no clean shutdown, no flushing beyond what each server promises
cmd_kill() {
  (( $# == 2 )) || die "usage: infra.sh kill <run-dir> postgres|kafka"
  RUN=$(abs_path "$1")
  local pid mode data="$RUN/pg/data"
  case $2 in
    postgres)
      pid=$(head -n1 "$data/postmaster.pid" 2>/dev/null || true)
      [[ -n $pid ]] && is_ours "$pid" postgres || die "PostgreSQL is not running in $RUN"
      mode=$(cat "$RUN/pg/mode" 2>/dev/null || pg_mode)
      pg_as "$mode" "$DIST/pg/bin/pg_ctl" stop -D "$data" -m immediate -w -t 30 >/dev/null 2>&1 ||
        kill -QUIT "$pid" 2>/dev/null || true
      wait_gone "$pid" 30 || kill -KILL "$pid" 2>/dev/null || true
      rm -f "$RUN/pids/postgres.pid"
      say "==> PostgreSQL stopped abruptly (immediate shutdown)" ;;
    kafka)
      pid=$(cat "$RUN/pids/kafka.pid" 2>/dev/null || true)
      [[ -n $pid ]] && is_ours "$pid" kafka.Kafka || die "Kafka is not running in $RUN"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 30 || true
      rm -f "$RUN/pids/kafka.pid"
      say "==> Kafka killed (SIGKILL)" ;;
    *) die "kill: postgres or kafka, not '$2'" ;;
  esac
}

cmd_status() {
  (( $# == 1 )) || die "usage: infra.sh status <run-dir>"
  RUN=$(abs_path "$1")
  local ports="" rc=0
  [[ -f $RUN/ports ]] && ports=$(cat "$RUN/ports")
  if [[ -f $RUN/pids/kafka.pid ]] && is_ours "$(cat "$RUN/pids/kafka.pid")" kafka.Kafka; then
    say "Kafka       running  pid $(cat "$RUN/pids/kafka.pid")  127.0.0.1:${ports%% *}"
  else
    say "Kafka       stopped"; rc=3
  fi
  if [[ -f $RUN/pids/postgres.pid ]] && is_ours "$(cat "$RUN/pids/postgres.pid")" postgres; then
    say "PostgreSQL  running  pid $(cat "$RUN/pids/postgres.pid")  127.0.0.1:${ports##* }"
  else
    say "PostgreSQL  stopped"; rc=3
  fi
  if [[ -f $RUN/pids/directory.pid ]] && is_ours "$(cat "$RUN/pids/directory.pid")" io.eer.local.LocalDirectory; then
    say "LDAP        running  pid $(cat "$RUN/pids/directory.pid")  127.0.0.1:$EER_UP_LDAP_PORT"
  fi
  return $rc
}

cmd_env() {
  (( $# == 1 )) || die "usage: infra.sh env <run-dir>"
  RUN=$(abs_path "$1")
  [[ -f $RUN/infra.env ]] || die "no infra has been started in $RUN"
  grep -E '^(export|\.) ' "$RUN/infra.env"
}

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
  local cmd=${1:-help}
  shift || true
  case $cmd in
    prepare) cmd_prepare ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    kill) cmd_kill "$@" ;;
    status) cmd_status "$@" ;;
    env) cmd_env "$@" ;;
    help | -h | --help) usage ;;
    *) usage >&2; exit 64 ;;
  esac
}

main "$@"
