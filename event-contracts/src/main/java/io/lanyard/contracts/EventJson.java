package io.lanyard.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one JSON mapping of the public event records: producers write them with it, consumers read
 * them with it. Instants travel as ISO-8601 text; a property a newer version added is ignored, so a
 * consumer keeps working while producers move ahead.
 */
public final class EventJson {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

  /**
   * A reader per record type keeps its deserializer: the gateway reads millions of events at
   * start-up, and the mapper would look the deserializer up for each.
   */
  private static final ClassValue<ObjectReader> READERS =
      new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> record) {
          return JSON.readerFor(record);
        }
      };

  private EventJson() {}

  /**
   * The event's data as the public record of its type.
   *
   * @throws IllegalArgumentException when the data is not that record (a consumer dead-letters it)
   */
  public static <T> T read(EventEnvelope event, Class<T> record) {
    try {
      return READERS.get(record).readValue(event.data());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the data of " + event + " is not a " + record.getSimpleName(), e);
    }
  }

  public static <T> T read(String json, Class<T> record) {
    try {
      return READERS.get(record).readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a " + record.getSimpleName(), e);
    }
  }

  public static String write(Object record) {
    try {
      return JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + record.getClass().getSimpleName(), e);
    }
  }
}
