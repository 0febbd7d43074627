# PostgreSQL on 127.0.0.1:5432: the machine's server when it runs; otherwise the machine's cluster
# started, or a private cluster of our own under .lanyard/postgres.

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

pg_ready() { port_open "$PG_HOST" "$PG_PORT" && psql_admin -tAc 'select 1' >/dev/null 2>&1; }

psql_admin() { psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

# Runs a PostgreSQL program as the postgres user (initdb and pg_ctl refuse to run as root).
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_up() {
  if pg_ready; then
    ok "PostgreSQL answers on $PG_HOST:$PG_PORT"
    return 0
  fi
  [ -n "$PG_BIN" ] || fail "PostgreSQL is not running on $PG_HOST:$PG_PORT and no server binaries were found under /usr/lib/postgresql"
  step "starting a private PostgreSQL cluster on $PG_HOST:$PG_PORT"
  local data="$STATE_DIR/postgres"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres: "$data"
    as_postgres "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 \
      >"$LOG_DIR/postgres-initdb.log" 2>&1 || fail "initdb failed; log: $LOG_DIR/postgres-initdb.log"
  fi
  local log
  log=$(log_file postgres)
  : >"$log"
  [ "$(id -u)" = 0 ] && chown postgres: "$log"
  as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-h $PG_HOST -p $PG_PORT -k /tmp" start >/dev/null ||
    fail "PostgreSQL did not start; log: $log"
  head -n 1 "$data/postmaster.pid" >"$(pid_file postgres)"
  wait_until "PostgreSQL on $PG_HOST:$PG_PORT" 30 postgres pg_ready
}

pg_create_databases() {
  local created=()
  for db in "$@"; do
    if [ -z "$(psql_admin -tAc "select 1 from pg_database where datname = '$db'")" ]; then
      psql_admin -qc "create database $db" || fail "could not create database $db"
      created+=("$db")
    fi
  done
  ok "databases: $* ${created:+(created ${created[*]})}"
}

pg_down() {
  # Only a cluster this tool started; the machine's own server is left alone.
  running_pid postgres >/dev/null || return 0
  as_postgres "$PG_BIN/pg_ctl" -D "$STATE_DIR/postgres" -m fast -w stop >/dev/null 2>&1 || true
  stop_process postgres
}
