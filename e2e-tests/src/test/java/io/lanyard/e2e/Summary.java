package io.lanyard.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the module proved, printed once at the end of the run: the journey's steps passed, the
 * changes checked at a device, the emails checked, and each crash test's line.
 */
public final class Summary implements BeforeAllCallback {

  private static final AtomicInteger STEPS = new AtomicInteger();
  private static final AtomicInteger CHANGES = new AtomicInteger();
  private static final AtomicInteger EMAILS = new AtomicInteger();
  private static final List<String> LINES = new CopyOnWriteArrayList<>();

  static void step(String step) {
    STEPS.incrementAndGet();
    LINES.add("  step " + STEPS.get() + ": " + step);
  }

  static void changesChecked(int changes) {
    CHANGES.addAndGet(changes);
  }

  static void emailsChecked(int emails) {
    EMAILS.addAndGet(emails);
  }

  static void line(String line) {
    LINES.add("  " + line);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(Summary.class))
        .getOrComputeIfAbsent(Printer.class, key -> new Printer(), Printer.class);
  }

  /** Closed by JUnit when the whole run ends. */
  private static final class Printer implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      StringBuilder out = new StringBuilder("\n==== Lanyard end-to-end summary ====\n");
      LINES.forEach(line -> out.append(line).append('\n'));
      out.append(
          "  journey steps passed: %d, changes checked at a device: %d, emails checked: %d%n"
              .formatted(STEPS.get(), CHANGES.get(), EMAILS.get()));
      System.out.print(out);
    }
  }
}
