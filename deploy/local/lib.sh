# Shared by the local platform scripts: paths, versions, output, processes started by PID.
# Sourced, never run.

LANYARD_ROOT=${LANYARD_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
LOCAL_DIR="$LANYARD_ROOT/deploy/local"
CACHE_DIR="$LOCAL_DIR/.cache"
STATE_DIR=${LANYARD_STATE_DIR:-$LANYARD_ROOT/.lanyard}
RUN_DIR="$STATE_DIR/run"
LOG_DIR="$STATE_DIR/logs"

KAFKA_VERSION=4.1.2
GREENMAIL_VERSION=2.1.13
KEYCLOAK_VERSION=26.7.3
ZIPKIN_VERSION=3.6.1

KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
PG_HOST=127.0.0.1
PG_PORT=5432
SMTP_PORT=3025
GREENMAIL_API_PORT=8025
KEYCLOAK_PORT=8180
KEYCLOAK_MANAGEMENT_PORT=9000
ZIPKIN_PORT=9411

# module:port:database, in the order ./lanyard up starts them.
SERVICES=(
  "identity-service:8081:lanyard_identity"
  "credential-service:8082:lanyard_credential"
  "directory-sync-service:8083:lanyard_directory"
  "notification-service:8084:lanyard_notification"
  "device-gateway:8080:lanyard_device"
)
# What ./lanyard up builds and starts: the services, then the console (no database, no topic).
WEB_CONSOLE_PORT=8085
WEB_CONSOLE_MANAGEMENT_PORT=9085
APPS=("${SERVICES[@]}" "web-console:$WEB_CONSOLE_PORT:")
TOPICS=(
  lanyard.identity.events
  lanyard.credential.events
  lanyard.directory.events
  lanyard.device.events
  lanyard.notification.events
)
# Every consuming module has a dead-letter topic: lanyard.<module>.dlq.
DLQ_TOPICS=()
for _entry in "${SERVICES[@]}"; do DLQ_TOPICS+=("lanyard.${_entry%%:*}.dlq"); done
TOPIC_PARTITIONS=6

# The topic a service writes: identity-service → lanyard.identity.events, and so on.
service_topic() {
  case $1 in
    identity-service) echo lanyard.identity.events ;;
    credential-service) echo lanyard.credential.events ;;
    directory-sync-service) echo lanyard.directory.events ;;
    notification-service) echo lanyard.notification.events ;;
    device-gateway) echo lanyard.device.events ;;
    *) return 1 ;;
  esac
}

service_port() {
  local module port
  for entry in "${SERVICES[@]}"; do
    IFS=: read -r module port _ <<<"$entry"
    [ "$module" = "$1" ] && echo "$port" && return 0
  done
  return 1
}

# Where an app answers /q/health/ready: the console on its management port (its pages' port is
# the Ingress's catch-all, so /q is not served there), each service on its own port.
ready_url() {
  local module=$1 port=$2
  [ "$module" = web-console ] && port=$WEB_CONSOLE_MANAGEMENT_PORT
  echo "http://127.0.0.1:$port/q/health/ready"
}

service_modules() {
  for entry in "${SERVICES[@]}"; do echo "${entry%%:*}"; done
}

mkdir -p "$RUN_DIR" "$LOG_DIR"

if [ -t 2 ]; then
  _bold=$'\e[1m' _red=$'\e[31m' _green=$'\e[32m' _dim=$'\e[2m' _reset=$'\e[0m'
else
  _bold='' _red='' _green='' _dim='' _reset=''
fi

# Progress and errors go to stderr, so that stdout carries only what a command promises
# (./lanyard token prints the token and nothing else).
info() { printf '%s\n' "$*" >&2; }
step() { printf '%s==>%s %s\n' "$_bold" "$_reset" "$*" >&2; }
ok() { printf '  %s✓%s %s\n' "$_green" "$_reset" "$*" >&2; }
fail() {
  printf '%serror:%s %s\n' "$_red" "$_reset" "$*" >&2
  exit 1
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

pid_file() { echo "$RUN_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }

# The PID of a process this tool started and that still runs, or nothing.
running_pid() {
  local file pid
  file=$(pid_file "$1")
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "$pid"
  else
    rm -f "$file"
    return 1
  fi
}

# Starts a command in the background under a name, in its own process group, logging to
# .lanyard/logs/<name>.log and remembering its PID.
start_process() {
  local name=$1
  shift
  local log
  log=$(log_file "$name")
  : >"$log"
  setsid "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
}

# Stops a process this tool started (and its process group), politely first.
stop_process() {
  local name=$1 pid waited=0
  pid=$(running_pid "$name") || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ $waited -lt 300 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$name")"
  ok "stopped $name (pid $pid)"
}

# wait_until <what> <seconds> <name-of-process-or-empty> <command...>
# Shows what it waits for, fails naming the log when the process dies or time runs out.
wait_until() {
  local what=$1 seconds=$2 name=$3
  shift 3
  local start=$SECONDS last=-1
  while ! "$@" >/dev/null 2>&1; do
    if [ -n "$name" ] && ! running_pid "$name" >/dev/null; then
      fail "$name exited while waiting for $what; its log: $(log_file "$name")"
    fi
    local elapsed=$((SECONDS - start))
    if [ $elapsed -ge "$seconds" ]; then
      fail "timed out after ${seconds}s waiting for $what${name:+; log: $(log_file "$name")}"
    fi
    if [ $((elapsed / 5)) -ne $last ]; then
      last=$((elapsed / 5))
      info "  ${_dim}… waiting for $what (${elapsed}s)${_reset}"
    fi
    sleep 0.5
  done
  ok "$what ($((SECONDS - start))s)"
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

mvnw() { (cd "$LANYARD_ROOT" && ./mvnw -B -q "$@"); }
