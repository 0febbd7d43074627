package io.lanyard.systemtest.bench;

import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a phase of a benchmark cost: CPU seconds per process, read from {@code /proc} (Linux only),
 * and transactions and rows written per service database, from {@code pg_stat_database}. On two
 * shared cores a wall time alone does not say which process to make cheaper.
 */
final class BenchCosts {

  /** {@code getconf CLK_TCK}: the unit of {@code /proc/<pid>/stat}'s times on Linux. */
  private static final double TICKS_PER_SECOND = 100.0;

  private static final String MACHINE = "machine (all processes)";

  private BenchCosts() {}

  /** The counters at one moment. */
  record Snapshot(long nanos, Map<String, Double> cpuSeconds, Map<Service, long[]> database) {}

  static Snapshot take(LanyardSystem system) {
    Map<String, Double> cpu = new LinkedHashMap<>();
    for (Service service : Service.values()) {
      cpu.put(service.module(), processSeconds(system.service(service).pid(), false));
    }
    cpu.put("postgresql (all its processes)", postgresSeconds());
    cpu.put("kafka broker", kafkaSeconds());
    cpu.put("benchmark harness", processSeconds(ProcessHandle.current().pid(), false));
    cpu.put(MACHINE, machineBusySeconds());
    Map<Service, long[]> database = new LinkedHashMap<>();
    for (Service service : Service.values()) {
      database.put(
          service,
          new long[] {
            system.queryNumber(
                service,
                "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"),
            system.queryNumber(
                service,
                "SELECT tup_inserted + tup_updated + tup_deleted FROM pg_stat_database"
                    + " WHERE datname = current_database()")
          });
    }
    return new Snapshot(System.nanoTime(), cpu, database);
  }

  /** A markdown table of what happened between two snapshots. */
  static void print(String phase, Snapshot before, Snapshot after) {
    double wall = (after.nanos() - before.nanos()) / 1e9;
    System.out.printf(
        "%n%s: %.1f s wall, %.1f CPU-s available on %d cores%n%n| process | CPU s | share of"
            + " busy CPU |%n|---|---|---|%n",
        phase,
        wall,
        wall * Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().availableProcessors());
    double busy = after.cpuSeconds().get(MACHINE) - before.cpuSeconds().get(MACHINE);
    double counted = 0;
    for (String process : after.cpuSeconds().keySet()) {
      double used = after.cpuSeconds().get(process) - before.cpuSeconds().get(process);
      if (!process.equals(MACHINE)) {
        counted += used;
      }
      System.out.printf("| %s | %.1f | %.0f %% |%n", process, used, 100 * used / busy);
    }
    System.out.printf(
        "| (other processes) | %.1f | %.0f %% |%n%n| database | commits | rows written |%n|---|---|---|%n",
        busy - counted, 100 * (busy - counted) / busy);
    for (Service service : after.database().keySet()) {
      long[] then = before.database().get(service);
      long[] now = after.database().get(service);
      System.out.printf(
          "| %s | %,d | %,d |%n", service.database("bench"), now[0] - then[0], now[1] - then[1]);
    }
  }

  /**
   * CPU seconds the five services and PostgreSQL used between two snapshots: what a write costs
   * Lanyard, without the broker (a hosted service's), the harness or the rest of the machine.
   */
  static double servicesAndPostgres(Snapshot before, Snapshot after) {
    double used = 0;
    for (String process : after.cpuSeconds().keySet()) {
      boolean counted =
          process.startsWith("postgresql")
              || java.util.Arrays.stream(Service.values())
                  .anyMatch(service -> service.module().equals(process));
      if (counted) {
        used += after.cpuSeconds().get(process) - before.cpuSeconds().get(process);
      }
    }
    return used;
  }

  private static double processSeconds(long pid, boolean withReapedChildren) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    } catch (IOException e) {
      // A process that ended between the listing and the read used nothing more.
      return 0;
    }
    // The command name in parentheses may hold spaces: the fields start after its last ')'.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    if (withReapedChildren) {
      ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }
    return ticks / TICKS_PER_SECOND;
  }

  /**
   * Every {@code postgres} process, and the backends that ended (the postmaster reaped them, so
   * their time is in its children's counters).
   */
  private static double postgresSeconds() {
    return processes()
        .filter(pid -> "postgres".equals(read(pid, "comm").strip()))
        .mapToDouble(pid -> processSeconds(pid, true))
        .sum();
  }

  private static double kafkaSeconds() {
    return processes()
        .filter(pid -> read(pid, "cmdline").contains("kafka.Kafka"))
        .mapToDouble(pid -> processSeconds(pid, false))
        .sum();
  }

  /** user + nice + system + irq + softirq + steal of {@code /proc/stat}'s first line. */
  private static double machineBusySeconds() {
    String[] cpu;
    try {
      cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/stat", e);
    }
    long busy = 0;
    for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
      busy += Long.parseLong(cpu[field]);
    }
    return busy / TICKS_PER_SECOND;
  }

  private static Stream<Long> processes() {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries
          .map(entry -> entry.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .toList()
          .stream();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
  }

  private static String read(long pid, String file) {
    try {
      return new String(
          Files.readAllBytes(Path.of("/proc", String.valueOf(pid), file)),
          StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }
}
