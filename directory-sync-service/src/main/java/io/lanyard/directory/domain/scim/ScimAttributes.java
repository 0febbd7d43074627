package io.lanyard.directory.domain.scim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code attributes} and {@code excludedAttributes} parameters (RFC 7644 §3.9): which
 * attributes a response carries. {@code schemas} and {@code id} are always returned.
 */
public final class ScimAttributes {

  private ScimAttributes() {}

  public static List<AttributePath> parseList(String list) {
    List<AttributePath> paths = new ArrayList<>();
    if (list == null || list.isBlank()) {
      return paths;
    }
    for (String name : list.split(",")) {
      paths.add(AttributePath.parse(name.strip()));
    }
    return paths;
  }

  /** The resource with only the wanted attributes, or without the excluded ones. */
  public static Map<String, Object> select(
      Map<String, Object> resource, List<AttributePath> wanted, List<AttributePath> excluded) {
    Map<String, Object> selected = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : resource.entrySet()) {
      String name = entry.getKey();
      String key = name.toLowerCase(Locale.ROOT);
      if (key.equals("schemas") || key.equals("id")) {
        selected.put(name, entry.getValue());
        continue;
      }
      Object value = entry.getValue();
      if (!wanted.isEmpty()) {
        value = keep(key, value, wanted);
      } else if (!excluded.isEmpty()) {
        value = drop(key, value, excluded);
      }
      if (value != null) {
        selected.put(name, value);
      }
    }
    return selected;
  }

  private static Object keep(String key, Object value, List<AttributePath> wanted) {
    List<String> subs = new ArrayList<>();
    for (AttributePath path : wanted) {
      if (matchesTop(path, key)) {
        if (path.subAttribute() == null) {
          return value;
        }
        subs.add(path.subAttribute());
      }
    }
    return subs.isEmpty() ? null : filterSubs(value, subs, true);
  }

  private static Object drop(String key, Object value, List<AttributePath> excluded) {
    List<String> subs = new ArrayList<>();
    for (AttributePath path : excluded) {
      if (matchesTop(path, key)) {
        if (path.subAttribute() == null) {
          return null;
        }
        subs.add(path.subAttribute());
      }
    }
    return subs.isEmpty() ? value : filterSubs(value, subs, false);
  }

  /** An attribute path names a top-level key, or an extension's schema URN holding it. */
  private static boolean matchesTop(AttributePath path, String key) {
    return path.attribute().equals(key) || (path.schema() != null && path.schema().equals(key));
  }

  private static Object filterSubs(Object value, List<String> subs, boolean keep) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> {
            boolean listed = subs.contains(k.toString().toLowerCase(Locale.ROOT));
            if (listed == keep) {
              result.put(k.toString(), v);
            }
          });
      return result.isEmpty() ? null : result;
    }
    if (value instanceof List<?> list) {
      List<Object> result = new ArrayList<>();
      for (Object element : list) {
        Object filtered = filterSubs(element, subs, keep);
        if (filtered != null) {
          result.add(filtered);
        }
      }
      return result.isEmpty() ? null : result;
    }
    return keep ? null : value;
  }
}
