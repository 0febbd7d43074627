package io.lanyard.runtime.api;

import java.util.List;

/** A page of a list: {@code {"items":[...],"page":0,"size":50,"total":N}}, pages from 0. */
public record Page<T>(List<T> items, int page, int size, long total) {

  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 200;

  /** Checks the page and size a client asked for; answers the size to use. */
  public static int size(Integer requested) {
    int size = requested == null ? DEFAULT_SIZE : requested;
    if (size < 1 || size > MAX_SIZE) {
      throw ApiException.badRequest(
          "invalid_parameter", "size must be between 1 and " + MAX_SIZE + ", was " + size);
    }
    return size;
  }

  public static int page(Integer requested) {
    int page = requested == null ? 0 : requested;
    if (page < 0) {
      throw ApiException.badRequest("invalid_parameter", "page starts at 0, was " + page);
    }
    return page;
  }
}
