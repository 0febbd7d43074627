package io.lanyard.eventstore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.contracts.EventType;

/**
 * Turns the data of one event type version into the data of the next version. Stored events are
 * never rewritten: upcasters run as events are read.
 */
public interface Upcaster {

  /** The version this upcaster reads; it produces {@code from().next()}. */
  EventType from();

  ObjectNode upcast(ObjectNode data);
}
