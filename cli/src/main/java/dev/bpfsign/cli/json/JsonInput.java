package dev.bpfsign.cli.json;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.io.JsonShape;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;

/**
 * The one way a JSON file a user hands bpfsign (admission and enforce policies, target profiles)
 * is read: one JSON object, or one line naming the file, the line and column, and what is wrong
 * in our words ({@link JsonShape}), never Jackson's. A field given twice is refused (a policy
 * that says {@code "max_maps": 1} and later {@code "max_maps": 100} must not mean whichever the
 * parser keeps).
 */
final class JsonInput {
  private JsonInput() {}

  /**
   * The root object of {@code json}; {@code file} names it, {@code what} says what it should be
   * ("an admission policy (bpfsign.policy/v2)").
   */
  static JsonNode object(byte[] json, String file, String what) throws BadInputException {
    if (JsonShape.isBlank(json)) {
      throw new BadInputException(file + ": the file is empty; expected " + what + ", a JSON object");
    }
    checkSyntax(json, file);
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JacksonException e) {
      throw notJson(json, file, e); // checkSyntax read the same bytes: not reached in practice
    }
    if (root == null || !root.isObject()) {
      throw new BadInputException(file + ": expected " + what + ", a JSON object, not " + kind(root));
    }
    return root;
  }

  /** One pass over the tokens: well-formed, one value, no field twice in one object. */
  private static void checkSyntax(byte[] json, String file) throws BadInputException {
    try (JsonParser p = Json.mapper().createParser(json)) {
      Deque<Set<String>> objects = new ArrayDeque<>();
      int depth = 0;
      boolean seenRoot = false;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (depth == 0) {
          if (seenRoot) {
            throw new BadInputException(file + ": " + position(json, p.currentTokenLocation())
                + "more than one JSON value (only one object is expected)");
          }
          seenRoot = true;
        }
        switch (t) {
          case START_OBJECT -> {
            objects.push(new HashSet<>());
            depth++;
          }
          case START_ARRAY -> depth++;
          case END_OBJECT -> {
            objects.pop();
            depth--;
          }
          case END_ARRAY -> depth--;
          case PROPERTY_NAME -> {
            if (!objects.peek().add(p.currentName())) {
              throw new BadInputException(file + ": " + position(json, p.currentTokenLocation()) + "field "
                  + dev.bpfsign.loader.Printable.quote(p.currentName()) + " appears twice in one object");
            }
          }
          default -> { }
        }
      }
    } catch (JacksonException e) {
      throw notJson(json, file, e);
    }
  }

  private static BadInputException notJson(byte[] json, String file, JacksonException e) {
    TokenStreamLocation l = e.getLocation();
    if (e instanceof StreamConstraintsException) {
      return new BadInputException(file + ": " + (l != null ? position(json, l) : "")
          + "beyond what bpfsign reads (nesting, number or string length)", e);
    }
    return new BadInputException(file + ": " + (l == null ? JsonShape.why(json, -1, 0, 0)
        : JsonShape.why(json, l.getByteOffset(), l.getLineNr(), l.getColumnNr())), e);
  }

  private static String position(byte[] json, TokenStreamLocation l) {
    return l.getByteOffset() >= 0 ? JsonShape.at(json, (int) Math.min(l.getByteOffset(), json.length))
        : "line " + l.getLineNr() + ", column " + l.getColumnNr() + ": ";
  }

  private static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isString()) {
      return "a string";
    }
    if (n.isNumber()) {
      return "a number";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    return n.isNull() ? "null" : "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
