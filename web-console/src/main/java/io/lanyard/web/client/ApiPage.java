package io.lanyard.web.client;

import java.util.List;

/** A page of a list as the services answer it: {@code {"items","page","size","total"}}. */
public record ApiPage<T>(List<T> items, int page, int size, long total) {

  public boolean hasPrevious() {
    return page > 0;
  }

  public boolean hasNext() {
    return (long) (page + 1) * size < total;
  }

  public int previous() {
    return page - 1;
  }

  public int next() {
    return page + 1;
  }
}
