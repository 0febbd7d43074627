package io.lanyard.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void deadLetterTopicIsNamedAfterTheConsumingModule() {
    assertEquals("lanyard.device-gateway.dlq", Topics.deadLetter("device-gateway"));
  }

  @Test
  void deadLetterTopicRefusesWhatIsNotAModuleName() {
    assertThrows(IllegalArgumentException.class, () -> Topics.deadLetter("lanyard.events"));
    assertThrows(IllegalArgumentException.class, () -> Topics.deadLetter(""));
  }

  @Test
  void everyEventTopicFollowsTheNamingOfTheDesign() {
    assertEquals(5, Topics.EVENT_TOPICS.size());
    Topics.EVENT_TOPICS.forEach(
        topic -> assertEquals(true, topic.matches("lanyard\\.[a-z]+\\.events"), topic));
  }
}
