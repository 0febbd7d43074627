# Brings the local platform's programs from Maven Central into deploy/local/.cache (once).

ensure_fetched() {
  local profiles=()
  [ -d "$CACHE_DIR/kafka-$KAFKA_VERSION/libs" ] || profiles+=(kafka)
  [ -f "$CACHE_DIR/greenmail-standalone-$GREENMAIL_VERSION.jar" ] || profiles+=(greenmail)
  [ -x "$CACHE_DIR/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ] || profiles+=(keycloak)
  for want in "$@"; do
    case " ${profiles[*]} " in *" $want "*) ;; *) continue ;; esac
    step "fetching $want from Maven Central"
    mvnw -f deploy/local/platform/pom.xml "-P$want" package >"$LOG_DIR/fetch-$want.log" 2>&1 ||
      fail "could not fetch $want; log: $LOG_DIR/fetch-$want.log"
    [ "$want" = keycloak ] && chmod +x "$CACHE_DIR/keycloak-$KEYCLOAK_VERSION"/bin/*.sh
    ok "$want"
  done
}
