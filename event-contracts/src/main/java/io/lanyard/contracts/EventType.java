package io.lanyard.contracts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An explicit, versioned event type such as {@code io.lanyard.credential.AccessCodeChanged.v1}. The
 * string never derives from a class name, so code can be renamed without breaking history; a
 * breaking change of the data is a new version with an upcaster from the previous one.
 *
 * @param name the type without its version, e.g. {@code io.lanyard.credential.AccessCodeChanged}
 * @param version from 1
 */
public record EventType(String name, int version) {

  private static final Map<String, EventType> PARSED = new ConcurrentHashMap<>();

  private static final Pattern FORMAT =
      Pattern.compile("(io\\.lanyard\\.[a-z]+\\.[A-Z][A-Za-z0-9]*)\\.v([1-9][0-9]*)");

  public EventType {
    if (version < 1) {
      throw new IllegalArgumentException("event type versions start at 1: " + name);
    }
    if (!FORMAT.matcher(name + ".v" + version).matches()) {
      throw new IllegalArgumentException(
          "not an event type name of the form io.lanyard.<domain>.<EventName>: " + name);
    }
  }

  public static EventType of(String domain, String eventName, int version) {
    return new EventType("io.lanyard." + domain + "." + eventName, version);
  }

  /**
   * Parses {@code io.lanyard.<domain>.<EventName>.v<N>}. Consumers parse one per record, and there
   * are few types: the answers are kept.
   */
  public static EventType parse(String type) {
    EventType known = type == null ? null : PARSED.get(type);
    if (known != null) {
      return known;
    }
    EventType parsed = parseUncached(type);
    if (PARSED.size() < 1_000) {
      PARSED.put(type, parsed);
    }
    return parsed;
  }

  private static EventType parseUncached(String type) {
    Matcher matcher = type == null ? null : FORMAT.matcher(type);
    if (matcher == null || !matcher.matches()) {
      throw new IllegalArgumentException("not a versioned Lanyard event type: " + type);
    }
    return new EventType(matcher.group(1), Integer.parseInt(matcher.group(2)));
  }

  public EventType next() {
    return new EventType(name, version + 1);
  }

  /** The event's name without domain and version, e.g. {@code AccessCodeChanged}. */
  public String simpleName() {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  @Override
  public String toString() {
    return name + ".v" + version;
  }
}
