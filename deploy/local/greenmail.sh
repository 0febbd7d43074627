# GreenMail: an SMTP sink on 127.0.0.1:3025 whose messages can be read over REST on :8025.

greenmail_up() {
  if port_open 127.0.0.1 "$SMTP_PORT"; then
    ok "an SMTP server already answers on 127.0.0.1:$SMTP_PORT"
    return 0
  fi
  ensure_fetched greenmail
  step "starting GreenMail (SMTP 127.0.0.1:$SMTP_PORT, REST 127.0.0.1:$GREENMAIL_API_PORT)"
  start_process greenmail java -Xmx128m -XX:+UseSerialGC \
    -Dgreenmail.setup.test.smtp -Dgreenmail.hostname=127.0.0.1 \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$GREENMAIL_API_PORT" \
    -Dgreenmail.auth.disabled \
    -jar "$CACHE_DIR/greenmail-standalone-$GREENMAIL_VERSION.jar"
  wait_until "GreenMail" 60 greenmail greenmail_ready
}

greenmail_ready() {
  port_open 127.0.0.1 "$SMTP_PORT" && http_ok "http://127.0.0.1:$GREENMAIL_API_PORT/api/configuration"
}

greenmail_down() { stop_process greenmail; }
