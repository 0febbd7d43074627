# Zipkin: the trace viewer the services send their spans to (http://127.0.0.1:9411), in memory.

zipkin_up() {
  if port_open 127.0.0.1 "$ZIPKIN_PORT"; then
    ok "something already answers on 127.0.0.1:$ZIPKIN_PORT (taken as Zipkin)"
    return 0
  fi
  ensure_fetched zipkin
  step "starting Zipkin on http://127.0.0.1:$ZIPKIN_PORT"
  # In memory, the latest 100,000 spans: a local trail, not an archive.
  start_process zipkin java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -jar "$CACHE_DIR/zipkin-server-$ZIPKIN_VERSION.jar" \
    --armeria.ports[0].ip=127.0.0.1 --armeria.ports[0].port="$ZIPKIN_PORT" \
    --armeria.ports[0].protocols=http --zipkin.storage.mem.max-spans=100000
  wait_until "Zipkin" 90 zipkin zipkin_ready
}

zipkin_ready() { http_ok "http://127.0.0.1:$ZIPKIN_PORT/health"; }

zipkin_down() { stop_process zipkin; }
