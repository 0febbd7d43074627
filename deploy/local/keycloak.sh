# Keycloak as the OIDC provider on 127.0.0.1:8180, realm `lanyard` (deploy/local/keycloak).

KEYCLOAK_HOME="$CACHE_DIR/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_REALM_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/lanyard"

keycloak_ready() { http_ok "$KEYCLOAK_REALM_URL/.well-known/openid-configuration"; }

# Starts Keycloak without waiting for it: it is the slowest part, so the rest starts meanwhile.
keycloak_start() {
  if http_ok "$KEYCLOAK_REALM_URL/.well-known/openid-configuration"; then
    ok "Keycloak already serves realm lanyard on 127.0.0.1:$KEYCLOAK_PORT"
    return 0
  fi
  running_pid keycloak >/dev/null && return 0
  port_open 127.0.0.1 "$KEYCLOAK_PORT" && fail "port $KEYCLOAK_PORT is taken by something that is not Keycloak with realm lanyard"
  ensure_fetched keycloak
  step "starting Keycloak $KEYCLOAK_VERSION on 127.0.0.1:$KEYCLOAK_PORT (takes 20–40 s)"
  # The realm is imported fresh on every start, so the realm file is the single source of truth.
  rm -rf "$KEYCLOAK_HOME/data/h2" "$KEYCLOAK_HOME/data/import"
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp "$LOCAL_DIR/keycloak/lanyard-realm.json" "$KEYCLOAK_HOME/data/import/"
  JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    start_process keycloak "$KEYCLOAK_HOME/bin/kc.sh" start-dev \
    --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
    --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" --import-realm
}

keycloak_wait() {
  running_pid keycloak >/dev/null || return 0
  wait_until "Keycloak realm lanyard on 127.0.0.1:$KEYCLOAK_PORT" 180 keycloak keycloak_ready
}

keycloak_down() { stop_process keycloak; }

# keycloak_token <tenant> <admin|user|operator>: a password-grant access token from lanyard-cli.
keycloak_token() {
  local tenant=$1 who=$2 username response token
  case $who in
    admin | user) username="$tenant-$who" ;;
    operator) username=operator ;;
    *) fail "--user takes admin, user or operator, not '$who'" ;;
  esac
  case $tenant in acme | globex) ;; *) fail "--tenant takes acme or globex, not '$tenant'" ;; esac
  keycloak_ready ||
    fail "Keycloak does not answer on 127.0.0.1:$KEYCLOAK_PORT; start it with ./lanyard up"
  response=$(curl -sS --max-time 10 \
    -d grant_type=password -d client_id=lanyard-cli \
    --data-urlencode "username=$username" -d password=lanyard -d scope=openid \
    "$KEYCLOAK_REALM_URL/protocol/openid-connect/token") || fail "the token request to Keycloak failed"
  token=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' <<<"$response")
  [ -n "$token" ] || fail "Keycloak issued no token for $username: $(sed 's/"access_token":"[^"]*"//' <<<"$response")"
  printf '%s\n' "$token"
}
