# Brings the local platform's programs from Maven Central into deploy/local/.cache (once).

ensure_fetched() {
  local profiles=()
  [ -d "$CACHE_DIR/kafka-$KAFKA_VERSION/libs" ] || profiles+=(kafka)
  [ -f "$CACHE_DIR/greenmail-standalone-$GREENMAIL_VERSION.jar" ] || profiles+=(greenmail)
  [ -x "$CACHE_DIR/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ] || profiles+=(keycloak)
  [ -f "$CACHE_DIR/zipkin-server-$ZIPKIN_VERSION.jar" ] || profiles+=(zipkin)
  for want in "$@"; do
    case " ${profiles[*]} " in *" $want "*) ;; *) continue ;; esac
    step "fetching $want from Maven Central"
    mvnw -f deploy/local/platform/pom.xml "-P$want" package >"$LOG_DIR/fetch-$want.log" 2>&1 ||
      fail "could not fetch $want; log: $LOG_DIR/fetch-$want.log"
    [ "$want" = keycloak ] && chmod +x "$CACHE_DIR/keycloak-$KEYCLOAK_VERSION"/bin/*.sh
    ok "$want"
  done
}

# The browser tests drive Debian's headless Chromium through its ChromeDriver (web-console).
ensure_browser() {
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && return 0
  apt_install "Chromium and ChromeDriver (the console's browser tests)" chromium chromium-driver
  ok "chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')"
}

# deployment-tests check the alerting rules with promtool (Debian's prometheus package).
ensure_promtool() {
  [ -x /usr/bin/promtool ] && return 0
  apt_install "promtool (deployment-tests check the alerting rules)" prometheus
  ok "$(/usr/bin/promtool --version 2>&1 | head -1)"
}

apt_install() {
  local what=$1 sudo=()
  shift
  step "installing $what from Debian"
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  { "${sudo[@]}" apt-get install -y "$@" ||
    { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y "$@"; }; } \
    >"$LOG_DIR/apt-$1.log" 2>&1 ||
    fail "could not install $*; log: $LOG_DIR/apt-$1.log"
}
