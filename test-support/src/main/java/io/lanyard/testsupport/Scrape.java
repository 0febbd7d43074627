package io.lanyard.testsupport;

import static io.restassured.RestAssured.given;

/** One series of the app's {@code /q/metrics}, as Prometheus scrapes it. */
public final class Scrape {

  private Scrape() {}

  /**
   * The sum of the series {@code name} whose labels include {@code labels} ({@code key=value}
   * pairs): one series when they name all its labels, else all that match (every {@code kind} of
   * email sent); 0 while there is none (a counter not incremented yet is not registered yet).
   */
  public static double value(String name, String... labels) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> hasAll(line, labels))
        .mapToDouble(Scrape::valueOf)
        .sum();
  }

  /** The value after the series; an exemplar ({@code # {trace_id=…} 1.0 …}) may follow it. */
  private static double valueOf(String line) {
    int exemplar = line.indexOf(" # ");
    String sample = exemplar < 0 ? line : line.substring(0, exemplar);
    return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
  }

  private static boolean hasAll(String line, String[] labels) {
    for (String label : labels) {
      int equals = label.indexOf('=');
      String wanted = label.substring(0, equals) + "=\"" + label.substring(equals + 1) + "\"";
      if (!line.contains(wanted)) {
        return false;
      }
    }
    return true;
  }
}
