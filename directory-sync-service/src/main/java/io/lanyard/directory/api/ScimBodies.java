package io.lanyard.directory.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.directory.application.ScimException;
import io.lanyard.runtime.api.HostileJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SCIM request bodies, read by the application's {@link ObjectMapper} so they meet the rules every
 * other Lanyard body meets ({@link HostileJson}: no field given twice, at most {@value
 * HostileJson#MOST_NESTING} levels, numbers of at most 100 digits, every string and field name by
 * {@code Text}'s rule). SCIM resources read their bodies as free JSON, because Entra ID's are
 * lenient ({@code "False"}, extension URNs as keys); a private mapper had let all of that through.
 *
 * <p>A refusal is SCIM's 400 in our words, naming the field where the parser knows it; the parser's
 * own text (its class names, the input it quotes) goes nowhere.
 */
@ApplicationScoped
public class ScimBodies {

  /** The largest body read at all (413 beyond). */
  static final int MOST_CHARACTERS = 256 * 1024;

  /** What a field name must look like to be repeated in an answer: a SCIM attribute or URN. */
  private static final Pattern SHOWN_NAME = Pattern.compile("[A-Za-z0-9_$:.-]{1,100}");

  private final ObjectMapper mapper;

  ScimBodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * One JSON value and nothing after it.
   *
   * @throws ScimException 413 for a body over {@link #MOST_CHARACTERS}, 400 {@code invalidSyntax}
   *     or {@code invalidValue} for one the rules refuse
   */
  public JsonNode read(String body) {
    if (body != null && body.length() > MOST_CHARACTERS) {
      throw new ScimException(
          413, null, "the request is larger than " + MOST_CHARACTERS + " characters");
    }
    if (body == null || body.isBlank()) {
      throw new ScimException(400, "invalidSyntax", "the body is empty; a JSON object is expected");
    }
    try (JsonParser parser = mapper.createParser(body)) {
      try {
        // readTree goes through HostileJson's JsonNode deserializer, which checks the whole tree.
        JsonNode tree = mapper.readTree(parser);
        if (parser.nextToken() != null) {
          throw new ScimException(400, "invalidSyntax", "the body holds more than one JSON value");
        }
        return tree;
      } catch (HostileJson.UnacceptableText text) {
        throw new ScimException(
            400,
            "invalidValue",
            named(path(text), "a field name or value") + " " + text.getOriginalMessage());
      } catch (StreamConstraintsException tooMuch) {
        throw beyondLimits(parser, tooMuch);
      } catch (JsonProcessingException unreadable) {
        throw unreadable(parser, unreadable);
      }
    } catch (IOException unreadable) {
      // Reading a string fails only as JSON does; anything else is no JSON either.
      throw new ScimException(400, "invalidSyntax", "the body is not JSON");
    }
  }

  /** A limit of HostileJson's: the nesting (told by where the parser stopped) or a long token. */
  private static ScimException beyondLimits(JsonParser parser, StreamConstraintsException e) {
    if (parser.getParsingContext().getNestingDepth() > HostileJson.MOST_NESTING) {
      return new ScimException(
          400,
          "invalidSyntax",
          "the body nests deeper than " + HostileJson.MOST_NESTING + " levels");
    }
    // Jackson says which limit only in its message: the number rule is the one a SCIM body meets.
    String limit = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (limit.startsWith("Number")) {
      return new ScimException(
          400,
          "invalidValue",
          named(where(parser), "a number in the body") + " is a number of more than 100 digits");
    }
    return new ScimException(
        400, "invalidSyntax", "the body holds a name or value longer than this server reads");
  }

  private static ScimException unreadable(JsonParser parser, JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    // STRICT_DUPLICATE_DETECTION's refusal; the parser stopped at the repeated name.
    if (message.startsWith("Duplicate field")) {
      return new ScimException(
          400, "invalidSyntax", named(where(parser), "a field") + " is given more than once");
    }
    return new ScimException(400, "invalidSyntax", "the body is not JSON");
  }

  /** The path Jackson recorded to a refused string. */
  private static List<Object> path(JsonMappingException e) {
    List<Object> path = new ArrayList<>();
    for (JsonMappingException.Reference reference : e.getPath()) {
      path.add(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
    }
    return path;
  }

  /** Where the parser stopped: the field or element it was reading. */
  private static List<Object> where(JsonParser parser) {
    List<Object> path = new ArrayList<>();
    for (JsonStreamContext at = parser.getParsingContext();
        at != null && !at.inRoot();
        at = at.getParent()) {
      path.add(0, at.inArray() ? (Object) at.getCurrentIndex() : at.getCurrentName());
    }
    return path;
  }

  /**
   * A path as SCIM writes attributes ({@code emails[1].value}); {@code otherwise} when there is
   * none, or a name in it is not one to repeat (a control character, a name kilobytes long).
   */
  static String named(List<Object> path, String otherwise) {
    StringBuilder named = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer index) {
        named.append('[').append(index).append(']');
      } else if (step instanceof String name && SHOWN_NAME.matcher(name).matches()) {
        named.append(named.isEmpty() ? "" : ".").append(name);
      } else {
        return otherwise;
      }
    }
    return named.isEmpty() ? otherwise : named.toString();
  }
}
