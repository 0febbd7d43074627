# A real Kafka broker from Apache Kafka's own jars (KRaft, 127.0.0.1:9092).

KAFKA_LIBS="$CACHE_DIR/kafka-$KAFKA_VERSION/libs"
KAFKA_JAVA_OPTS=(-Xms128m -Xmx512m -XX:+UseSerialGC)

kafka_java() {
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2-tools.properties" \
    -cp "$KAFKA_LIBS/*" "$@"
}

kafka_up() {
  # $1: data directory (./lanyard up keeps it; ./lanyard test uses a throwaway one)
  local data_dir=$1 config running_dir
  if port_open 127.0.0.1 "$KAFKA_PORT"; then
    running_dir=$(cat "$RUN_DIR/kafka.data-dir" 2>/dev/null || true)
    if [ -n "$running_dir" ] && [ "$running_dir" != "$data_dir" ]; then
      # A throwaway broker (./lanyard test, a benchmark) that will be stopped and wiped: events
      # published to it would be lost while the services' outboxes count them as sent.
      fail "the Kafka on 127.0.0.1:$KAFKA_PORT keeps its data in $running_dir, not $data_dir; wait for what started it to end (or ./lanyard down), then try again"
    fi
    ok "Kafka already answers on 127.0.0.1:$KAFKA_PORT${running_dir:+ (data in $running_dir)}"
    return 0
  fi
  ensure_fetched kafka
  step "starting Kafka $KAFKA_VERSION (KRaft) on 127.0.0.1:$KAFKA_PORT"
  mkdir -p "$data_dir"
  config="$data_dir/server.properties"
  sed -e "s#@PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
    -e "s#@DATA_DIR@#$data_dir/log#g" "$LOCAL_DIR/kafka/server.properties.template" >"$config"
  if [ ! -f "$data_dir/log/meta.properties" ]; then
    kafka_java kafka.tools.StorageTool format --cluster-id="$(kafka_cluster_id "$data_dir")" -c "$config" \
      --ignore-formatted >"$LOG_DIR/kafka-format.log" 2>&1 ||
      fail "formatting Kafka storage failed; log: $LOG_DIR/kafka-format.log"
  fi
  echo "$data_dir" >"$RUN_DIR/kafka.data-dir"
  start_process kafka java "${KAFKA_JAVA_OPTS[@]}" \
    -Dlog4j2.configurationFile="$LOCAL_DIR/kafka/log4j2-broker.properties" \
    -Dkafka.logs.dir="$data_dir" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$config"
  wait_until "Kafka on 127.0.0.1:$KAFKA_PORT" 90 kafka kafka_ready
}

kafka_ready() {
  port_open 127.0.0.1 "$KAFKA_PORT" && grep -q 'Kafka Server started' "$(log_file kafka)"
}

kafka_cluster_id() {
  local file="$1/cluster-id"
  # A cluster id is 16 random bytes in URL-safe base64 without padding. Kafka's own ids never
  # start with '-' (the tool would read it as an option); mapping '+/' to letters avoids '-' at all.
  [ -f "$file" ] || head -c 16 /dev/urandom | base64 | tr '+/' 'xy' | tr -d '=\n' >"$file"
  cat "$file"
}

kafka_create_topics() {
  local existing missing=()
  existing=$(kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --list 2>>"$LOG_DIR/kafka-topics.log") ||
    fail "could not list Kafka topics; log: $LOG_DIR/kafka-topics.log"
  for topic in "${TOPICS[@]}" "${DLQ_TOPICS[@]}"; do
    grep -qx "$topic" <<<"$existing" || missing+=("$topic")
  done
  for topic in "${missing[@]}"; do
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
      --create --if-not-exists --topic "$topic" --partitions "$TOPIC_PARTITIONS" \
      --replication-factor 1 --config retention.ms=-1 --config retention.bytes=-1 \
      >>"$LOG_DIR/kafka-topics.log" 2>&1 || fail "could not create topic $topic; log: $LOG_DIR/kafka-topics.log"
  done
  ok "topics: ${TOPICS[*]} and ${#DLQ_TOPICS[@]} dead-letter topics (full retention${missing:+; created ${#missing[@]}})"
}

kafka_down() {
  stop_process kafka
  rm -f "$RUN_DIR/kafka.data-dir"
}
