# The five Lanyard services and the web console, each from its own quarkus-app build.

# The libraries the services and the console are built from: a change to any makes every jar stale.
LIBRARY_SOURCES=()
for _library in domain-kernel secrets event-contracts event-store credential-rules telemetry service-runtime; do
  LIBRARY_SOURCES+=("$LANYARD_ROOT/$_library/src" "$LANYARD_ROOT/$_library/pom.xml")
done

service_jar() { echo "$LANYARD_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

# Builds the services whose jar is missing or older than their sources (or the libraries').
services_build() {
  local stale=() module jar
  for entry in "${APPS[@]}"; do
    module=${entry%%:*}
    jar=$(service_jar "$module")
    # Stale when its own sources changed, or any library's a service is built with.
    if [ ! -f "$jar" ] || [ -n "$(find "$LANYARD_ROOT/$module/src" "$LANYARD_ROOT/$module/pom.xml" \
      "${LIBRARY_SOURCES[@]}" "$LANYARD_ROOT/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
      stale+=("$module")
    fi
  done
  if [ ${#stale[@]} -eq 0 ]; then
    ok "services are built"
    return 0
  fi
  step "building ${stale[*]} (./mvnw install -DskipTests; a first build takes a few minutes)"
  local list
  list=$(
    IFS=,
    echo "${stale[*]}"
  )
  mvnw -DskipTests -pl "$list" -am install >"$LOG_DIR/build.log" 2>&1 ||
    fail "the build failed; log: $LOG_DIR/build.log"
  ok "built ${stale[*]}"
}

services_up() {
  local module port
  for entry in "${APPS[@]}"; do
    IFS=: read -r module port _ <<<"$entry"
    if running_pid "$module" >/dev/null; then
      ok "$module already runs on :$port"
      continue
    fi
    port_open 127.0.0.1 "$port" && fail "port $port (for $module) is taken by a process this tool did not start"
    info "  starting $module on :$port"
    # The dev profile holds the local keys and settings (e.g. a Google API on 127.0.0.1): a
    # service started without a profile is a production one, and refuses to start without keys.
    start_process "$module" java -Xms32m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -Dquarkus.profile=dev -jar "$(service_jar "$module")"
  done
  for entry in "${APPS[@]}"; do
    IFS=: read -r module port _ <<<"$entry"
    wait_until "$module ready on :$port" 120 "$module" http_ok "$(ready_url "$module" "$port")"
  done
}

services_down() {
  local module
  for ((i = ${#APPS[@]} - 1; i >= 0; i--)); do
    module=${APPS[$i]%%:*}
    stop_process "$module"
  done
}

service_databases() {
  for entry in "${SERVICES[@]}"; do
    IFS=: read -r _ _ db <<<"$entry"
    echo "$db"
  done
}
