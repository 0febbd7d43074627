package io.lanyard.runtime.api;

import java.util.List;

/** A page of a list: {@code {"items":[...],"page":0,"size":50,"total":N}}, pages from 0. */
public record Page<T>(List<T> items, int page, int size, long total) {

  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 200;

  /** Checks the page and size a client asked for (query text); answers the size to use. */
  public static int size(String requested) {
    int size = number("size", requested, DEFAULT_SIZE);
    if (size < 1 || size > MAX_SIZE) {
      throw ApiException.badRequest(
          "invalid_parameter", "size must be between 1 and " + MAX_SIZE + ", was " + size);
    }
    return size;
  }

  public static int page(String requested) {
    return number("page", requested, 0);
  }

  /**
   * A whole number from 0, read here rather than by JAX-RS: its conversion failure of a query
   * parameter is a 404 ("no such resource"), which tells a client nothing.
   */
  private static int number(String name, String text, int absent) {
    if (text == null || text.isEmpty()) {
      return absent;
    }
    if (!text.matches("[0-9]{1,9}")) {
      throw ApiException.badRequest(
          "invalid_parameter", name + " must be a whole number from 0 to 999999999");
    }
    return Integer.parseInt(text);
  }
}
