package io.lanyard.testsupport;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * What a service logged during a test, each record as one line of its message, parameters and
 * error: so that a test can say a secret never reached a log. Add it to the root logger ({@code
 * java.util.logging.Logger.getLogger("").addHandler(logs)}) and remove it after the test.
 */
public final class CapturedLogs extends Handler {

  private final List<String> lines = new CopyOnWriteArrayList<>();

  /** The lines so far, a live view. */
  public List<String> lines() {
    return Collections.unmodifiableList(lines);
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(
        record.getMessage()
            + " "
            + (record.getParameters() == null ? "" : Arrays.toString(record.getParameters()))
            + " "
            + (record.getThrown() == null ? "" : record.getThrown().toString()));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
