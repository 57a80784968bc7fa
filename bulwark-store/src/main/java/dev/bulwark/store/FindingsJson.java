package dev.bulwark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.model.FlowFinding;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code findings} column: a JSON array of {@code {"class","direction","path","action"}}
 * objects. The hash chain covers the parsed findings, not this text, so the JSON layout may change
 * without breaking old chains.
 */
final class FindingsJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FindingsJson() {}

  static String write(List<FlowFinding> findings) {
    if (findings.isEmpty()) {
      return "[]"; // most events: no JSON machinery for them
    }
    ArrayNode array = JSON.createArrayNode();
    for (FlowFinding f : findings) {
      ObjectNode node = array.addObject();
      node.put("class", f.dataClass());
      node.put("direction", f.direction());
      node.put("path", f.path());
      node.put("action", f.action());
    }
    return array.toString();
  }

  /**
   * @throws IllegalArgumentException when the text is not such an array
   */
  static List<FlowFinding> read(String json) {
    JsonNode array;
    try {
      array = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("findings are not valid JSON");
    }
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("findings are not a JSON array");
    }
    List<FlowFinding> findings = new ArrayList<>(array.size());
    for (JsonNode node : array) {
      if (!node.isObject()) {
        throw new IllegalArgumentException("a finding is not a JSON object");
      }
      findings.add(
          new FlowFinding(
              text(node, "class"),
              text(node, "direction"),
              text(node, "path"),
              text(node, "action")));
    }
    return findings;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("finding field '" + field + "' is not a string");
    }
    return value.asText();
  }
}
