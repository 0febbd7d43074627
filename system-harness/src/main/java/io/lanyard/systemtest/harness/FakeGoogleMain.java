package io.lanyard.systemtest.harness;

import io.lanyard.systemtest.harness.FakeGoogleDirectory.GoogleUser;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./lanyard fake-google}: the fake Directory API on a fixed port (18089 unless {@code
 * -Dfake-google.port} says otherwise), seeded with a few users of {@code example.com}, printing the
 * settings an admin PUTs to {@code /admin/v1/directory/google} of the system {@code ./lanyard up}
 * runs. Runs until stopped (Ctrl-C).
 */
public final class FakeGoogleMain {

  private FakeGoogleMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = Integer.getInteger("fake-google.port", 18089);
    FakeGoogleDirectory google = FakeGoogleDirectory.start(port);
    List.of(
            new GoogleUser(
                "g-1001", "alice@example.com", "Alice Ames", "/Staff", false, "AL1C3K", "04A1B2C3"),
            new GoogleUser(
                "g-1002",
                "bob@example.com",
                "Bob Burns",
                "/Staff/Teachers",
                false,
                null,
                "04D5E6F7"),
            new GoogleUser(
                "g-1003", "carol@example.com", "Carol Cruz", "/Staff", true, "C4R0LQ", null),
            new GoogleUser(
                "g-1004", "dave@example.com", "Dave Dunn", "/Students", false, "D4V3XP", null),
            new GoogleUser(
                "g-1005", "erin@example.com", "Erin Eads", "/Staff", false, "3R1NWM", null))
        .forEach(google::put);
    System.out.printf(
        """
        Fake Google Directory API on %s (users.list, users.watch, channels.stop; token endpoint /token)
        Users: alice (code AL1C3K, card 04A1B2C3), bob (card only), carol (suspended), dave (/Students),
               erin (code 3R1NWM); /Staff and below is the org unit to sync.

        Connect a tenant (with ./lanyard up running):
          TOKEN=$(./lanyard token --tenant acme --user admin)
          curl -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
            http://127.0.0.1:8083/admin/v1/directory/google -d '%s'
          curl -X POST -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8083/admin/v1/directory/google/sync
          curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8083/admin/v1/directory/sync-runs

        Ctrl-C stops it.
        """,
        google.rootUrl(), google.settings("org_units", List.of("/Staff"), false));
    new CountDownLatch(1).await();
  }
}
