package io.lanyard.eventstore;

import static io.lanyard.eventstore.RelayFixture.appendInterleaved;
import static io.lanyard.eventstore.RelayFixture.neverAheadOfItsPredecessor;
import static io.lanyard.eventstore.RelayFixture.relay;
import static io.lanyard.eventstore.RelayFixture.versionsByKey;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lanyard.eventstore.outbox.OutboxRelay;
import io.lanyard.testplatform.TestPlatform;
import io.lanyard.testplatform.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The relay's process killed (SIGKILL) in the middle of its work, then started again. */
class RelayCrashTest {

  static final int STREAMS = 40;
  static final int PER_STREAM = 100;

  @Test
  void aRelayKilledMidBatchLosesNothingAndNeverReordersAStream() throws Exception {
    try (TestDatabase db = TestDatabase.fresh("crash")) {
      String topic = TestTopics.create("test.crash", 3);
      List<String> streams = appendInterleaved(db, STREAMS, PER_STREAM, 4);
      long total = (long) STREAMS * PER_STREAM;

      Process relayProcess = startRelayProcess(db.name, topic);
      try {
        // Kill it once it has published some but not all: somewhere inside its batches.
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> db.count("SELECT count(*) FROM event_store.outbox") < total - 300);
      } finally {
        relayProcess.destroyForcibly().waitFor();
      }
      long left = db.count("SELECT count(*) FROM event_store.outbox");
      assertTrue(left > 0, "the relay finished before it could be killed");

      try (OutboxRelay restarted = relay(db, topic, new SimpleMeterRegistry())) {
        restarted.start();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> db.count("SELECT count(*) FROM event_store.outbox") == 0);
      }

      List<ConsumerRecord<String, byte[]>> records = TestTopics.readToEnd(topic);
      Map<String, List<Long>> byKey = versionsByKey(records);
      for (String stream : streams) {
        List<Long> versions = byKey.get(stream);
        Set<Long> distinct = new HashSet<>(versions);
        assertEquals(PER_STREAM, distinct.size(), "events of " + stream + " lost");
        assertTrue(neverAheadOfItsPredecessor(versions), "order of " + stream + ": " + versions);
      }
      assertTrue(records.size() >= total);
    }
  }

  private static Process startRelayProcess(String database, String topic) throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-Xmx128m",
            "-cp",
            classpath,
            "-Dlanyard.kafka.bootstrap=" + TestPlatform.kafkaBootstrapServers(),
            "-Dlanyard.pg.host=" + TestPlatform.postgresHost(),
            "-Dlanyard.pg.port=" + TestPlatform.postgresPort(),
            RelayMain.class.getName(),
            database,
            topic)
        .redirectErrorStream(true)
        .redirectOutput(new File("target/relay-crash-process.log"))
        .start();
  }
}
