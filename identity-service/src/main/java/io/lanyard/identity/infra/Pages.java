package io.lanyard.identity.infra;

import io.lanyard.runtime.api.Page;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** A page of a list read as two queries that run together: its items and the list's total. */
final class Pages {

  private Pages() {}

  static <T> Uni<Page<T>> of(Uni<List<T>> items, Uni<Long> total, int page, int size) {
    return Uni.combine()
        .all()
        .unis(items, total)
        .asTuple()
        .map(both -> new Page<>(both.getItem1(), page, size, both.getItem2()));
  }
}
