#!/usr/bin/env bash
# EER demo (first version): the break-glass story against a running `./eer up`.
#   carol (contractor, on-call DBA, MFA) asks for emergency db_admin on payments-db for 30 s
#   -> pre-approved -> granted: she logs into the payments database with the issued credentials
#   -> a session action is recorded -> the grant expires and is revoked: the login now fails
#   -> an auditor reads the request's timeline from the audit ledger and verifies the ledger.
# Usage: ./eer demo [--json]   (environment: EER_DEMO_DURATION, default PT30S; EER_DEMO_TIMEOUT seconds, default 180)
# By default it prints a short aligned timeline (time, step, who, details; one line each) of what the demo did,
# then the ledger's timeline of the request (deploy/local/demo_timeline.py) and the verify result.
# --json prints every HTTP answer in full instead (the demo's first, verbose form).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export EER_REPO_ROOT="$ROOT"
# shellcheck source-path=SCRIPTDIR
source "$HERE/env.sh"
# shellcheck disable=SC1091
source "$HERE/lib.sh"

EER="$ROOT/eer"
DIST="$ROOT/.eer/dist"
REQUEST_URL="http://127.0.0.1:$(eer_service_port request-service)"
GRANT_URL="http://127.0.0.1:$(eer_service_port grant-service)"
AUDIT_URL="http://127.0.0.1:$(eer_service_port audit-service)"
DURATION="${EER_DEMO_DURATION:-PT30S}"
TIMEOUT="${EER_DEMO_TIMEOUT:-180}"
JSON=0
for arg in "$@"; do
  case $arg in
    --json) JSON=1 ;;
    -h | --help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) printf 'demo: unknown option %s (see ./eer demo --help)\n' "$arg" >&2; exit 2 ;;
  esac
done

if [[ -t 1 ]]; then B=$'\e[1m' D=$'\e[2m' R=$'\e[0m'; else B="" D="" R=""; fi
# --json: numbered steps with every answer in full; otherwise one aligned row per thing that happened
step() { ((JSON)) && printf '\n%s== %s%s\n' "$B" "$*" "$R"; return 0; }
info() { ((JSON)) && printf '   %s\n' "$*"; return 0; }
row() { # row STEP WHO DETAILS
  ((JSON)) && return 0
  printf '%-12s  %-14s  %-16s  %s\n' "$(date -u +%H:%M:%S.%3N)" "$1" "$2" "$3"
}
short() { printf '%s' "${1:0:8}"; } # ids shortened for the table
die() { printf '\ndemo: %s\n' "$*" >&2; exit 1; }

command -v curl >/dev/null || die "curl is needed"
command -v python3 >/dev/null || die "python3 is needed (JSON handling)"

# jget KEY [KEY...]: first present key of the JSON object on stdin (dots for nesting)
jget() {
  python3 -c '
import json, sys
try:
    doc = json.load(sys.stdin)
except ValueError:
    sys.exit(1)
for path in sys.argv[1:]:
    cur = doc
    for part in path.split("."):
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            cur = None
            break
    if cur is not None:
        print(cur if not isinstance(cur, (dict, list)) else json.dumps(cur))
        sys.exit(0)
sys.exit(1)' "$@"
}

pretty() { ((JSON)) || { cat >/dev/null; return 0; }; python3 -c 'import json,sys
raw = sys.stdin.read()
try:
    print(json.dumps(json.loads(raw), indent=2))
except ValueError:
    print(raw)' | sed 's/^/   /'; }

# call METHOD URL TOKEN [JSON]: sets HTTP_STATUS and HTTP_BODY
call() {
  local method=$1 url=$2 token=$3 body=${4-} out
  local args=(-s -X "$method" -H "Authorization: Bearer $token" -H 'Accept: application/json' -w '\n%{http_code}')
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  out=$(curl "${args[@]}" "$url") || { HTTP_STATUS=000; HTTP_BODY="(no answer from $url)"; return 0; }
  HTTP_STATUS=${out##*$'\n'}
  HTTP_BODY=${out%$'\n'*}
}

sql_probe() { # sql_probe URL USER PASSWORD SQL
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$DIST/classes:$DIST/kafka-libs/*:$DIST/tool-libs/*" \
    io.eer.local.SqlProbe "$@"
}

# wait_status REQUEST_ID TOKEN WANTED... : polls the request until its status is one of WANTED
wait_status() {
  local id=$1 token=$2
  shift 2
  local deadline=$(( $(now_ms) + TIMEOUT * 1000 )) status="" last="" w
  while :; do
    call GET "$REQUEST_URL/v1/requests/$id" "$token"
    if [[ $HTTP_STATUS == 200 ]]; then
      status=$(jget status <<<"$HTTP_BODY" || true)
      if [[ $status != "$last" ]]; then
        info "status: $status  ${D}($(date +%T))${R}"
        row status request-service "$status"
        last=$status
      fi
      for w in "$@"; do [[ $status == "$w" ]] && return 0; done
      case $status in
        REJECTED | DENIED | CANCELLED | GRANT_FAILED | FAILED | TIMED_OUT)
          JSON=1 pretty <<<"$HTTP_BODY"
          die "request ended as $status" ;;
      esac
    fi
    (( $(now_ms) < deadline )) || die "request $id did not reach $* within ${TIMEOUT}s (last: ${status:-HTTP $HTTP_STATUS})"
    sleep 0.5
  done
}

# ------------------------------------------------------------------------------------------------
step "0. Is EER up?"
for s in "${EER_SERVICES[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${s##*:}/q/health/ready" || true)
  [[ $code == 200 ]] || die "${s%%:*} is not ready on port ${s##*:} (HTTP ${code:-none}); start EER with ./eer up -d"
done
info "all six services answer /q/health/ready"
if ((!JSON)); then
  printf '%sEER demo%s: carol (contractor, on-call DBA, MFA) asks for emergency db_admin on payments-db for %s\n\n' \
    "$B" "$R" "$DURATION"
  printf '%s%-12s  %-14s  %-16s  %s%s\n' "$B" "TIME (UTC)" "STEP" "WHO" "DETAILS" "$R"
fi
row ready eer "all six services answer /q/health/ready"
[[ -d $DIST/tool-libs ]] || die "$DIST is missing; ./eer up prepares it"

CAROL=$("$EER" token --sub carol --groups oncall-dba --type CONTRACTOR --mfa)
AGENT=$("$EER" token --sub session-agent-1 --groups session-agents --type EMPLOYEE)
AUDITOR=$("$EER" token --sub audrey --groups auditors --type EMPLOYEE --mfa)

step "1. carol (contractor, on-call DBA, MFA) asks for emergency db_admin on payments-db for $DURATION"
BODY=$(printf '{"kind":"EMERGENCY","origin":"CONTRACTOR_SELF","system":"payments-db","role":"db_admin","duration":"%s","justification":"Payments DB locked during INC-1234","incident":"INC-1234"}' "$DURATION")
info "POST $REQUEST_URL/v1/requests"
call POST "$REQUEST_URL/v1/requests" "$CAROL" "$BODY"
info "HTTP $HTTP_STATUS"
printf '%s\n' "$HTTP_BODY" | pretty
[[ $HTTP_STATUS == 201 || $HTTP_STATUS == 202 || $HTTP_STATUS == 200 ]] || die "the request was not accepted"
REQUEST_ID=$(jget requestId id <<<"$HTTP_BODY") || die "no requestId in the answer"
row request carol "POST /v1/requests -> $HTTP_STATUS: EMERGENCY db_admin on payments-db, request $(short "$REQUEST_ID")"

step "2. Policy pre-approves break-glass; wait for the grant"
wait_status "$REQUEST_ID" "$CAROL" GRANTED
GRANT_ID=$(jget grantId <<<"$HTTP_BODY") || die "no grantId on the granted request"
info "grant $GRANT_ID"
row granted grant-service "grant $(short "$GRANT_ID")"

step "3. carol fetches her time-bound credentials"
info "GET $GRANT_URL/v1/grants/$GRANT_ID/credentials"
call GET "$GRANT_URL/v1/grants/$GRANT_ID/credentials" "$CAROL"
info "HTTP $HTTP_STATUS"
printf '%s\n' "$HTTP_BODY" | pretty
[[ $HTTP_STATUS == 200 ]] || die "no credentials"
DB_USER=$(jget username user login <<<"$HTTP_BODY") || die "no username in the credentials"
DB_PASSWORD=$(jget password secret <<<"$HTTP_BODY") || die "no password in the credentials"
DB_URL=$(jget jdbcUrl url jdbc_url <<<"$HTTP_BODY" || echo "jdbc:postgresql://127.0.0.1:$EER_UP_PG_PORT/payments")
row credentials carol "GET /v1/grants/$(short "$GRANT_ID")…/credentials -> $HTTP_STATUS: login $DB_USER (password not shown)"

step "4. carol logs into the payments database with them"
info "$DB_URL as $DB_USER"
login_out=$(sql_probe "$DB_URL" "$DB_USER" "$DB_PASSWORD" "select current_user, now() as logged_in_at") ||
  die "login with the issued credentials failed"
info "${login_out//$'\n'/$'\n'   }"
row login carol "payments database as $DB_USER: logged in"

step "5. The session agent records what she did"
ACTION='{"sessionId":"s-1","action":"SELECT","object":"payments.invoices","source":"psql"}'
info "POST $GRANT_URL/v1/grants/$GRANT_ID/actions $ACTION"
call POST "$GRANT_URL/v1/grants/$GRANT_ID/actions" "$AGENT" "$ACTION"
info "HTTP $HTTP_STATUS"
[[ -n $HTTP_BODY ]] && printf '%s\n' "$HTTP_BODY" | pretty
[[ $HTTP_STATUS == 2* ]] || die "the session action was not recorded"
row "session action" session-agent-1 "SELECT payments.invoices (psql) -> $HTTP_STATUS"
row waiting expiry-service "the grant runs out after $DURATION"

step "6. The grant runs out ($DURATION): expiry fires, grant-service revokes"
wait_status "$REQUEST_ID" "$CAROL" REVOKED

step "7. The same login now fails"
if out=$(sql_probe "$DB_URL" "$DB_USER" "$DB_PASSWORD" "select current_user" 2>&1); then
  printf '%s\n' "$out" | sed 's/^/   /'
  die "login still works after revocation"
fi
info "${out//$'\n'/$'\n'   }"
info "(as expected)"
row "login again" carol "refused after revocation, as expected: $(tr '\n' ' ' <<<"$out" | cut -c1-70)"

step "8. An auditor reads the timeline from the audit ledger"
info "GET $AUDIT_URL/v1/requests/$REQUEST_ID/timeline"
# the ledger consumes every topic asynchronously: give it a moment to record the revocation
deadline=$(( $(now_ms) + 20000 ))
while :; do
  call GET "$AUDIT_URL/v1/requests/$REQUEST_ID/timeline" "$AUDITOR"
  [[ $HTTP_STATUS == 200 && $HTTP_BODY == *Revoked* ]] && break
  (( $(now_ms) < deadline )) || break
  sleep 0.5
done
info "HTTP $HTTP_STATUS"
printf '%s\n' "$HTTP_BODY" | pretty
[[ $HTTP_STATUS == 200 ]] || die "no timeline"
TIMELINE=$HTTP_BODY
row timeline audrey "GET /v1/requests/$(short "$REQUEST_ID")…/timeline -> $HTTP_STATUS"

step "9. The auditor verifies the whole ledger (hash chain, signed checkpoints)"
info "GET $AUDIT_URL/v1/audit/verify"
call GET "$AUDIT_URL/v1/audit/verify" "$AUDITOR"
info "HTTP $HTTP_STATUS"
printf '%s\n' "$HTTP_BODY" | pretty
[[ $HTTP_STATUS == 200 ]] || die "verify answered HTTP $HTTP_STATUS"
VERIFY=$HTTP_BODY
row verify audrey "GET /v1/audit/verify -> $HTTP_STATUS"

verified=0
if ((JSON)); then
  [[ $(jget ok <<<"$VERIFY") == True ]] && verified=1
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  printf '%s' "$TIMELINE" >"$work/timeline.json"
  printf '%s' "$VERIFY" >"$work/verify.json"
  printf '\n%sThe audit ledger%s, request %s:\n' "$B" "$R" "$REQUEST_ID"
  python3 "$HERE/demo_timeline.py" "$work/timeline.json" "$work/verify.json" && verified=1
fi

printf '\n%sDone.%s request %s, grant %s\n' "$B" "$R" "$REQUEST_ID" "$GRANT_ID"
((verified)) || die "the ledger did not verify"
