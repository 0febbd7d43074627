package io.lanyard.systemtest.harness;

import io.lanyard.testplatform.FakeOidcProvider;
import io.lanyard.testplatform.TestPlatform;
import io.lanyard.testplatform.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole system for one test run: the five packaged services, each in its own JVM with a
 * database of its own, on topics of this run's own on the real broker, with an SMTP server ({@link
 * Mailbox}) and an OIDC provider ({@link FakeOidcProvider}) in the test JVM, or a real {@link
 * Keycloak}. Nothing of the local system that {@code ./lanyard up} runs is touched.
 */
public final class LanyardSystem implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final TokenIssuer issuer;
  private final FakeOidcProvider oidc;
  private final Mailbox mailbox;
  private final Map<String, String> topics;
  private final List<String> deadLetterTopics;
  private final Map<Service, ServiceProcess> services;
  private final Map<Service, List<ServiceProcess>> replicas = new EnumMap<>(Service.class);
  private final Path logs;
  private final String run;
  private final PostgresServer postgres;
  private final Zipkin zipkin;

  private LanyardSystem(
      String run,
      TokenIssuer issuer,
      FakeOidcProvider oidc,
      Mailbox mailbox,
      Map<String, String> topics,
      List<String> deadLetterTopics,
      Map<Service, ServiceProcess> services,
      Path logs,
      PostgresServer postgres,
      Zipkin zipkin) {
    this.run = run;
    this.zipkin = zipkin;
    this.deadLetterTopics = new ArrayList<>(deadLetterTopics);
    this.postgres = postgres;
    this.logs = logs;
    this.issuer = issuer;
    this.oidc = oidc;
    this.mailbox = mailbox;
    this.topics = topics;
    this.services = services;
  }

  /** The JVM flags of {@code ./lanyard up}: quick to start and small, C1 only. */
  public static final List<String> SMALL_JVM =
      List.of("-Xms32m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** Where the services' logs go: {@code <module>/target/system-logs} of the module that runs. */
  static final Path LOGS = Path.of(System.getProperty("lanyard.system.logs", "target/system-logs"));

  /**
   * The system for the tests: databases {@code lanyard_<domain>_system}, small JVMs, every service
   * tracing into a {@link Zipkin} of its own, directory-sync-service logging JSON lines as
   * production does.
   */
  public static LanyardSystem start() {
    return onTestProvider("system", SMALL_JVM, LOGS);
  }

  /**
   * @param run names the run's databases ({@code lanyard_<domain>_<run>}) and topics
   * @param jvmFlags every service JVM's flags
   */
  public static LanyardSystem start(String run, List<String> jvmFlags) {
    return onTestProvider(run, jvmFlags, null);
  }

  /**
   * As {@link #start(String, List)}, every service tracing into a {@link Zipkin} of its own (its
   * log in {@code <system logs>/<run>/}): what tracing costs is measured with it.
   */
  public static LanyardSystem startTraced(String run, List<String> jvmFlags) {
    return onTestProvider(run, jvmFlags, LOGS.resolve(run));
  }

  /** On the test OIDC provider; {@code zipkinLogs} null: untraced. */
  private static LanyardSystem onTestProvider(String run, List<String> jvmFlags, Path zipkinLogs) {
    TestPlatform.requireKafka();
    FakeOidcProvider oidc = FakeOidcProvider.start();
    return start(
        run,
        jvmFlags,
        new FakeIssuer(oidc),
        oidc,
        LOGS,
        PostgresServer.ofTestPlatform(),
        zipkinLogs == null ? null : Zipkin.start(zipkinLogs));
  }

  /**
   * The system on a PostgreSQL server of the caller's own (a private cluster a test restarts), with
   * the test OIDC provider; its logs in {@code <system logs>/<run>/}.
   */
  public static LanyardSystem start(String run, List<String> jvmFlags, PostgresServer postgres) {
    TestPlatform.requireKafka();
    FakeOidcProvider oidc = FakeOidcProvider.start();
    return start(run, jvmFlags, new FakeIssuer(oidc), oidc, LOGS.resolve(run), postgres, null);
  }

  /**
   * The system with a real Keycloak as its issuer: the services get their tokens for each other
   * from it (client credentials), and the tests' operator and admins are the realm's users. The
   * caller starts and closes Keycloak. The services' logs go to {@code <system logs>/<run>/}, apart
   * from those of a system on the test provider that may run in the same JVM. Every service traces
   * into a {@link Zipkin} of the system's own, where a console in front of it sends its spans too.
   */
  public static LanyardSystem start(String run, List<String> jvmFlags, Keycloak keycloak) {
    TestPlatform.requireKafka();
    Path logs = LOGS.resolve(run);
    return start(
        run, jvmFlags, keycloak, null, logs, PostgresServer.ofTestPlatform(), Zipkin.start(logs));
  }

  private static LanyardSystem start(
      String run,
      List<String> jvmFlags,
      TokenIssuer issuer,
      FakeOidcProvider oidc,
      Path logs,
      PostgresServer postgres,
      Zipkin zipkin) {
    Path root = Path.of(System.getProperty("lanyard.root", ".."));
    Mailbox mailbox = Mailbox.start();
    Map<String, String> topics = new HashMap<>();
    for (Service service : Service.values()) {
      topics.put(service.domain(), TestTopics.create(run + "." + service.domain(), 3));
    }
    List<String> deadLetterTopics = new ArrayList<>();
    Map<Service, Integer> ports = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      ports.put(service, Ports.free());
    }
    Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      postgres.recreateDatabase(service.database(run));
      Map<String, String> config = new HashMap<>();
      config.put("kafka.bootstrap.servers", TestPlatform.kafkaBootstrapServers());
      config.put("lanyard.pg.host", postgres.host());
      config.put("lanyard.pg.port", String.valueOf(postgres.port()));
      config.put("lanyard.database", service.database(run));
      config.put("lanyard.events.topic", topics.get(service.domain()));
      topics.forEach((domain, topic) -> config.put("lanyard.topics." + domain, topic));
      String deadLetters = TestTopics.create(run + "." + service.module() + ".dlq", 1);
      deadLetterTopics.add(deadLetters);
      config.put("lanyard.events.dead-letter-topic", deadLetters);
      // Two systems (the tests' and the console's), replicas and a test's own clients share one
      // server's 100 connections: a pool of 20 per service, grown under load and never shrunk,
      // once left the console's services none.
      config.put("quarkus.datasource.reactive.max-size", "8");
      config.put("quarkus.datasource.reactive.idle-timeout", "PT10S");
      config.put("quarkus.oidc.auth-server-url", issuer.url());
      // The test profile holds the test keys: without a profile a service is a production one.
      config.put("quarkus.profile", "test");
      config.putAll(specificConfig(service, ports, mailbox));
      if (zipkin != null) {
        config.putAll(zipkin.appConfig());
        if (service == Service.DIRECTORY_SYNC) {
          // Logs as production writes them (JSON lines with the trace's ids), for the tests that
          // follow a log line to its trace; the other services' logs stay easy to read.
          config.put("quarkus.log.console.json.enabled", "true");
        }
      }
      services.put(
          service,
          new ServiceProcess(
              service.module(),
              root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar"),
              logs.resolve(service.module() + ".log"),
              ports.get(service),
              config,
              jvmFlags));
    }
    LanyardSystem system =
        new LanyardSystem(
            run, issuer, oidc, mailbox, topics, deadLetterTopics, services, logs, postgres, zipkin);
    try {
      services.values().forEach(ServiceProcess::start);
      CompletableFuture.allOf(
              services.values().stream()
                  .map(
                      process ->
                          CompletableFuture.runAsync(() -> process.awaitReady(START_TIMEOUT)))
                  .toArray(CompletableFuture[]::new))
          .join();
    } catch (RuntimeException e) {
      system.close();
      throw e;
    }
    return system;
  }

  private static Map<String, String> specificConfig(
      Service service, Map<Service, Integer> ports, Mailbox mailbox) {
    String identity = "http://127.0.0.1:" + ports.get(Service.IDENTITY);
    String credential = "http://127.0.0.1:" + ports.get(Service.CREDENTIAL);
    return switch (service) {
      case DIRECTORY_SYNC ->
          Map.of(
              "quarkus.rest-client.identity-service.url",
              identity,
              "quarkus.rest-client.credential-service.url",
              credential,
              "lanyard.directory.public-url",
              "http://127.0.0.1:" + ports.get(Service.DIRECTORY_SYNC),
              // Tests wait seconds, not minutes, for retries and for a dead replica's run.
              "lanyard.directory.google.first-pause",
              "200ms",
              "lanyard.directory.sync.abandoned-after",
              "10s",
              "lanyard.directory.sync.reaper-period",
              "1s",
              "lanyard.directory.sync.check-every",
              "1s");
      // Both call identity-service for users' data keys, with their own client tokens (their
      // client secrets are the test profile's).
      case DEVICE_GATEWAY ->
          Map.of(
              "quarkus.rest-client.credential-service.url",
              credential,
              "quarkus.rest-client.identity-service.url",
              identity);
      case NOTIFICATION ->
          Map.of(
              "quarkus.rest-client.identity-service.url",
              identity,
              "quarkus.mailer.host",
              "127.0.0.1",
              "quarkus.mailer.port",
              String.valueOf(mailbox.smtpPort()));
      case CREDENTIAL -> Map.of("quarkus.rest-client.identity-service.url", identity);
      // An import's codes and cards go to credential-service with identity's own client token
      // (its secret and its import cipher key are the test profile's).
      case IDENTITY -> Map.of("quarkus.rest-client.credential-service.url", credential);
    };
  }

  public ServiceProcess service(Service service) {
    return services.get(service);
  }

  /**
   * Starts one more replica of a service (same database, topics and peers; a port and a log {@code
   * <module>-<n>.log} of its own) and waits until it is ready. The other services still call the
   * first replica; the caller spreads its own calls. Stopped by {@link #stopReplicas} or at close.
   */
  public synchronized ServiceProcess startReplica(Service service) {
    List<ServiceProcess> extra = replicas.computeIfAbsent(service, s -> new ArrayList<>());
    ServiceProcess replica =
        services
            .get(service)
            .replica(
                Ports.free(), logs.resolve(service.module() + "-" + (extra.size() + 2) + ".log"));
    extra.add(replica);
    replica.start();
    replica.awaitReady(START_TIMEOUT);
    return replica;
  }

  /** Every running replica of a service, the first (the one the other services call) first. */
  public synchronized List<ServiceProcess> replicas(Service service) {
    List<ServiceProcess> all = new ArrayList<>();
    all.add(services.get(service));
    all.addAll(replicas.getOrDefault(service, List.of()));
    return all;
  }

  /** Stops the replicas {@link #startReplica} started, leaving the first of each service. */
  public synchronized void stopReplicas() {
    replicas.values().forEach(extra -> extra.forEach(ServiceProcess::close));
    replicas.clear();
  }

  /** Stops the replicas {@link #startReplica} started of one service, leaving its first. */
  public synchronized void stopReplicas(Service service) {
    List<ServiceProcess> extra = replicas.remove(service);
    if (extra != null) {
      extra.forEach(ServiceProcess::close);
    }
  }

  /**
   * One JVM of {@code service} again, as before {@link #startReplica}: the first restarted if a
   * test killed it (within {@code restart}), the others stopped.
   */
  public void backToOneReplica(Service service, Duration restart) {
    ServiceProcess first = service(service);
    if (!first.alive()) {
      first.restart(restart);
    }
    stopReplicas(service);
  }

  /**
   * Which running replica of a service holds one of its leader locks ({@code
   * outbox-relay:<module>}, {@code consumer:<module>.<name>}), as PostgreSQL sees it: the lock's
   * connection names its JVM ({@code <host>:<pid> <lock>}); empty while nobody holds it.
   */
  public Optional<ServiceProcess> lockHolder(Service service, String lock) {
    String sql =
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND l.objid = (hashtext(?)::bigint & 4294967295)::oid";
    List<String> holders = new ArrayList<>();
    try (java.sql.Connection connection =
            java.sql.DriverManager.getConnection(
                TestPlatform.jdbcUrl(service.database(run)), TestPlatform.postgresUser(), "");
        java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, lock);
      try (java.sql.ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          holders.add(result.getString(1));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("who holds " + lock, e);
    }
    if (holders.isEmpty()) {
      return Optional.empty();
    }
    Matcher replica = LOCK_HOLDER.matcher(holders.get(0));
    if (holders.size() > 1 || !replica.lookingAt()) {
      throw new IllegalStateException(lock + " held by " + holders);
    }
    long pid = Long.parseLong(replica.group(1));
    return replicas(service).stream()
        .filter(process -> process.alive() && process.pid() == pid)
        .findFirst();
  }

  /** A lock connection's application_name: {@code <host>:<pid> <lock>}. */
  private static final Pattern LOCK_HOLDER = Pattern.compile("\\S+:(\\d+) ");

  /** The topic a service writes in this run ({@code identity}, {@code credential}, ...). */
  public String topic(String domain) {
    return topics.get(domain);
  }

  /**
   * Moves every service to new topics, as an operator does after re-encrypting the history
   * (docs/runbooks/erasure.md): creates a new topic per domain and new dead-letter topics, stops
   * every service, starts it again on them, and answers the old topics (still there: the caller
   * republishes into the new ones, then deletes them). Replicas are not moved.
   */
  public synchronized List<String> moveToNewTopics(Duration timeout) {
    List<String> old = everyTopic();
    Map<String, String> fresh = new HashMap<>();
    topics.forEach(
        (domain, topic) -> fresh.put(domain, TestTopics.create(run + ".moved." + domain, 3)));
    List<String> freshDeadLetters = new ArrayList<>();
    services.values().forEach(ServiceProcess::stop);
    for (Service service : Service.values()) {
      Map<String, String> changed = new HashMap<>();
      changed.put("lanyard.events.topic", fresh.get(service.domain()));
      fresh.forEach((domain, topic) -> changed.put("lanyard.topics." + domain, topic));
      String deadLetters = TestTopics.create(run + ".moved." + service.module() + ".dlq", 1);
      freshDeadLetters.add(deadLetters);
      changed.put("lanyard.events.dead-letter-topic", deadLetters);
      services.put(service, services.get(service).withConfig(changed));
    }
    topics.putAll(fresh);
    deadLetterTopics.clear();
    deadLetterTopics.addAll(freshDeadLetters);
    services.values().forEach(ServiceProcess::start);
    CompletableFuture.allOf(
            services.values().stream()
                .map(process -> CompletableFuture.runAsync(() -> process.awaitReady(timeout)))
                .toArray(CompletableFuture[]::new))
        .join();
    return old;
  }

  /** A connection to the service's database, for what a test must write as an old version did. */
  public java.sql.Connection connect(Service service) throws java.sql.SQLException {
    return postgres.connect(service.database(run));
  }

  /** Every topic of this run: the services' own and their dead-letter topics. */
  public List<String> everyTopic() {
    List<String> every = new ArrayList<>(topics.values());
    every.addAll(deadLetterTopics);
    return every;
  }

  /** The directory the services' (and their replicas') logs are written to. */
  public Path logs() {
    return logs;
  }

  /** The test OIDC provider; a system on {@link Keycloak} has none (its tokens are Keycloak's). */
  /** The Zipkin its services trace into; only {@link #start()}'s system has one. */
  public Zipkin zipkin() {
    if (zipkin == null) {
      throw new IllegalStateException("the system " + run + " runs without tracing");
    }
    return zipkin;
  }

  public FakeOidcProvider oidc() {
    if (oidc == null) {
      throw new IllegalStateException("Keycloak issues this system's tokens: ask Keycloak");
    }
    return oidc;
  }

  public Mailbox mailbox() {
    return mailbox;
  }

  /**
   * A number from a service's own database ({@code SELECT count(*) FROM event_store.outbox}): for
   * waiting until work in flight is done, never for what a test asserts about behaviour.
   */
  public long queryNumber(Service service, String sql) {
    try (java.sql.Connection connection = postgres.connect(service.database(run));
        java.sql.Statement statement = connection.createStatement();
        java.sql.ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql + " on " + service.database(run), e);
    }
  }

  /**
   * The tables of the service's database, in every schema (a rebuild's shadow tables too), that
   * have a row whose text holds {@code needle}, in any case: where a person's data still is.
   */
  public List<String> tablesHolding(Service service, String needle) {
    String like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    try (java.sql.Connection connection = postgres.connect(service.database(run))) {
      List<String> tables = new ArrayList<>();
      try (java.sql.Statement statement = connection.createStatement();
          java.sql.ResultSet result =
              statement.executeQuery(
                  "SELECT table_schema, table_name FROM information_schema.tables"
                      + " WHERE table_type = 'BASE TABLE'"
                      + " AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
        while (result.next()) {
          tables.add(quoted(result.getString(1)) + "." + quoted(result.getString(2)));
        }
      }
      List<String> holding = new ArrayList<>();
      for (String table : tables) {
        try (java.sql.PreparedStatement query =
            connection.prepareStatement(
                "SELECT 1 FROM " + table + " AS x WHERE x::text ILIKE ? LIMIT 1")) {
          query.setString(1, like);
          try (java.sql.ResultSet result = query.executeQuery()) {
            if (result.next()) {
              holding.add(table);
            }
          }
        }
      }
      return holding;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("scanning " + service.database(run), e);
    }
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** A tenant of the test's own, created by the operator, with an admin token for it. */
  public Tenant createTenant(String id) {
    Api.Answer created =
        Api.send(
            "POST",
            service(Service.IDENTITY).url("/ops/v1/tenants"),
            issuer.operatorToken(),
            "application/json",
            "{\"id\":\"" + id + "\",\"name\":\"System test " + id + "\"}");
    created.expect(201);
    return new Tenant(id, issuer.adminToken(id), this);
  }

  /** An MFD with a token that an admin was given elsewhere (the console's "Register"). */
  public Device device(String token) {
    return new Device(List.of(service(Service.DEVICE_GATEWAY)), token);
  }

  /**
   * An MFD behind a round-robin load balancer: each call goes to the next device-gateway replica
   * running now ({@link #startReplica}).
   */
  public Device deviceOnEveryGateway(String token) {
    return new Device(replicas(Service.DEVICE_GATEWAY), token);
  }

  @Override
  public void close() {
    stopReplicas();
    services.values().forEach(ServiceProcess::close);
    mailbox.close();
    if (oidc != null) {
      oidc.close();
    }
    if (zipkin != null) {
      zipkin.close();
    }
  }

  /** The test OIDC provider as the system's issuer. */
  private record FakeIssuer(FakeOidcProvider oidc) implements TokenIssuer {

    @Override
    public String url() {
      return oidc.issuer();
    }

    @Override
    public String operatorToken() {
      return oidc.operator();
    }

    @Override
    public String adminToken(String tenant) {
      return oidc.admin(tenant);
    }
  }
}
