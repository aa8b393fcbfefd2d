# shellcheck shell=bash
# Small process helpers shared by ./eer and deploy/local/infra.sh (sourced, not executed).

say() { printf '%s\n' "$*"; }
die() { printf '%s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
secs_since() { local d=$(( $(now_ms) - $1 )); printf '%d.%d s' $((d / 1000)) $(((d % 1000) / 100)); }
abs_path() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }

# a pid counts as alive unless it is gone or a zombie
is_alive() {
  local pid=$1 stat
  [[ -n $pid && -r /proc/$pid/stat ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

# is_ours <pid> <pattern>: the pid is alive and its command line matches (guards against pid reuse)
is_ours() {
  is_alive "$1" || return 1
  local cmd
  cmd=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *"$2"* ]]
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_gone <pid> <seconds>
wait_gone() {
  local pid=$1 deadline=$(( $(now_ms) + $2 * 1000 ))
  while is_alive "$pid"; do
    (( $(now_ms) < deadline )) || return 1
    sleep 0.1
  done
}

# launch <pidfile> <logfile> <command...>: start in its own session, detached from the terminal
launch() {
  local pidfile=$1 log=$2
  shift 2
  rm -f "$pidfile"
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$pidfile" "$@" >>"$log" 2>&1 </dev/null &
  # generous: on a loaded machine (a CI box, parallel builds) even forking bash can take seconds
  local deadline=$(( $(now_ms) + 60000 ))
  until [[ -s $pidfile ]]; do
    (( $(now_ms) < deadline )) || die "could not start $1"
    sleep 0.05
  done
}

tail_log() {
  local log=$1
  printf -- '---- last lines of %s ----\n' "$log" >&2
  tail -n "${2:-40}" "$log" >&2 || true
  printf -- '----\n' >&2
}

