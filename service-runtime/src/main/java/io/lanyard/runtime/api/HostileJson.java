package io.lanyard.runtime.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.lanyard.kernel.Text;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Request bodies are hostile until read: a field given twice is refused (which of the two would
 * count?), and every string, in typed bodies and in free JSON alike, must follow {@link Text}'s
 * rule. A refusal names the field ({@link ApiExceptionMappers}).
 */
@Singleton
public class HostileJson implements ObjectMapperCustomizer {

  /** A string that breaks {@link Text}'s rule; the path to it is filled in by Jackson. */
  public static final class UnacceptableText extends MismatchedInputException {

    public UnacceptableText(JsonParser parser, String problem) {
      super(parser, problem, String.class);
    }
  }

  /** The deepest a request body may nest (SCIM PATCH values are the deepest: a few levels). */
  public static final int MOST_NESTING = 32;

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // Lanyard's bodies are a few levels deep and their numbers short: a body nested hundreds of
    // levels deep exhausted the heap before Jackson's own (much higher) limits refused it.
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MOST_NESTING)
                .maxNumberLength(100)
                .maxDocumentLength(4L * 1024 * 1024)
                .build());
    // A number or boolean where text belongs is the wrong type, not text to be made up from it.
    for (CoercionInputShape shape :
        List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    SimpleModule module = new SimpleModule("lanyard-hostile-json");
    module.addDeserializer(String.class, new CheckedStrings());
    module.addDeserializer(JsonNode.class, new CheckedTrees());
    mapper.registerModule(module);
  }

  static void check(JsonParser parser, String text) throws UnacceptableText {
    String problem = text == null ? null : Text.problem(text, Text.MOST_CHARACTERS);
    if (problem != null) {
      throw new UnacceptableText(parser, problem);
    }
  }

  /** Checks every text node and field name of a free JSON body. */
  public static void checkTree(JsonParser parser, JsonNode node) throws UnacceptableText {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      check(parser, node.textValue());
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        try {
          checkTree(parser, node.get(i));
        } catch (UnacceptableText e) {
          e.prependPath(node, i);
          throw e;
        }
      }
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        try {
          check(parser, field.getKey());
          checkTree(parser, field.getValue());
        } catch (UnacceptableText e) {
          e.prependPath(node, field.getKey());
          throw e;
        }
      }
    }
  }

  private static final class CheckedStrings extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String text = super.deserialize(parser, context);
      check(parser, text);
      return text;
    }
  }

  private static final class CheckedTrees extends StdDeserializer<JsonNode> {

    private final JsonDeserializer<? extends JsonNode> trees =
        JsonNodeDeserializer.getDeserializer(JsonNode.class);

    CheckedTrees() {
      super(JsonNode.class);
    }

    @Override
    public JsonNode deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonNode tree = trees.deserialize(parser, context);
      checkTree(parser, tree);
      return tree;
    }
  }
}
