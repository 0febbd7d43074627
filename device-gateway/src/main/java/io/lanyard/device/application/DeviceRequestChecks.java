package io.lanyard.device.application;

import io.lanyard.device.feed.ModelFeed;
import io.lanyard.device.infra.LockoutMirror;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * What every device request is checked for before anything is looked up: a gateway that has loaded
 * what it answers from, and inputs that are given and of a sane size.
 */
@ApplicationScoped
public class DeviceRequestChecks {

  static final int MAX_INPUT = 128;

  /** A named value the device sent. */
  record Input(String field, String value) {}

  private final ModelFeed feed;
  private final LockoutMirror mirror;

  DeviceRequestChecks(ModelFeed feed, LockoutMirror mirror) {
    this.feed = feed;
    this.mirror = mirror;
  }

  static Input input(String field, String value) {
    return new Input(field, value);
  }

  /** The first reason to refuse the request, in the order given; empty if there is none. */
  Optional<Refusal> refusal(Input... inputs) {
    if (!feed.caughtUp() || !mirror.loaded()) {
      return Optional.of(new Refusal.NotReady());
    }
    for (Input input : inputs) {
      if (input.value() == null || input.value().isBlank()) {
        return Optional.of(new Refusal.MissingInput(input.field()));
      }
      if (input.value().length() > MAX_INPUT) {
        return Optional.of(new Refusal.InputTooLong(input.field(), MAX_INPUT));
      }
    }
    return Optional.empty();
  }
}
