package io.lanyard.directory.application.google;

import java.time.Duration;

/** Where the ends of sync runs are counted (metrics). */
public interface SyncRunMeter {

  void succeeded(Duration took);

  void failed(Duration took);

  /** A run marked failed because its replica stopped. */
  void abandoned();
}
