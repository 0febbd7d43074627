package io.lanyard.device.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code wrk} with a Lua script, and what it printed. */
final class Wrk {

  record Result(double requestsPerSecond, String p50, String p99, long errors, long requests) {}

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

  private final int threads;
  private final int connections;

  Wrk(int threads, int connections) {
    this.threads = threads;
    this.connections = connections;
  }

  Result run(String url, Path script, int seconds) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency"));
    if (script != null) {
      command.addAll(List.of("-s", script.toString()));
    }
    command.add(url);
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    wrk.waitFor(seconds + 60L, TimeUnit.SECONDS);
    Matcher rate = RATE.matcher(out);
    Matcher total = TOTAL.matcher(out);
    if (!rate.find() || !total.find()) {
      throw new IllegalStateException("wrk said:\n" + out);
    }
    Matcher non2xx = NON_2XX.matcher(out);
    Matcher socket = SOCKET_ERRORS.matcher(out);
    long errors = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
    if (socket.find()) {
      System.out.println("  wrk socket errors: " + socket.group(1));
    }
    return new Result(
        Double.parseDouble(rate.group(1)),
        percentile(out, "50%"),
        percentile(out, "99%"),
        errors,
        Long.parseLong(total.group(1)));
  }

  private static String percentile(String out, String which) {
    Matcher line = Pattern.compile("\\s" + Pattern.quote(which) + "\\s+(\\S+)").matcher(out);
    return line.find() ? line.group(1) : "?";
  }

  /** A script that posts {@code body} (a Lua expression) with the device's token. */
  static Path postScript(Path dir, String name, String token, String bodyExpression)
      throws IOException {
    Path script = dir.resolve(name + ".lua");
    Files.writeString(
        script,
        String.join(
            "\n",
            "wrk.method = \"POST\"",
            "wrk.headers[\"Content-Type\"] = \"application/json\"",
            "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"",
            "math.randomseed(os.time())",
            "request = function()",
            "  return wrk.format(nil, nil, nil, " + bodyExpression + ")",
            "end",
            ""));
    return script;
  }
}
