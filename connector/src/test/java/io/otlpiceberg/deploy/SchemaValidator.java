package io.otlpiceberg.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a resource's Properties against its CloudFormation resource schema: the JSON Schema
 * subset those schemas use ($ref to definitions, type, enum, required, properties,
 * patternProperties, additionalProperties, oneOf, items, min/max items, lengths and values,
 * pattern, uniqueItems). An intrinsic function stands for a value known only at deploy time and is
 * accepted wherever a value is; both branches of Fn::If are checked. A keyword it does not know
 * fails loudly, so a newer schema cannot be half-checked in silence.
 */
final class SchemaValidator {
  private static final Set<String> CHECKED =
      Set.of(
          "$ref",
          "type",
          "enum",
          "required",
          "properties",
          "patternProperties",
          "additionalProperties",
          "oneOf",
          "items",
          "minItems",
          "maxItems",
          "minLength",
          "maxLength",
          "minimum",
          "maximum",
          "pattern",
          "uniqueItems");

  /** Annotations: no constraint on the value, or none CloudFormation enforces at validation. */
  /** Resource-level schema keys that describe the resource, not its Properties' values. */
  private static final Set<String> RESOURCE_METADATA =
      Set.of(
          "typeName",
          "definitions",
          "primaryIdentifier",
          "additionalIdentifiers",
          "readOnlyProperties",
          "writeOnlyProperties",
          "createOnlyProperties",
          "conditionalCreateOnlyProperties",
          "deprecatedProperties",
          "tagging",
          "sourceUrl",
          "documentationUrl",
          "replacementStrategy",
          "handlers",
          "propertyTransform",
          "resourceLink",
          "taggable",
          "cfnLint");

  private static final Set<String> IGNORED =
      Set.of(
          "description",
          "format",
          "insertionOrder",
          "examples",
          "default",
          "title",
          "$comment",
          "arrayType",
          "relationshipRef");

  private final ResourceSchema schema;
  private final List<String> errors = new ArrayList<>();

  private SchemaValidator(ResourceSchema schema) {
    this.schema = schema;
  }

  /**
   * Problems with {@code properties} (the resource's Properties), each with a path; empty if none.
   */
  static List<String> validate(ResourceSchema schema, Map<?, ?> properties) {
    SchemaValidator validator = new SchemaValidator(schema);
    Map<Object, Object> rule = new HashMap<>(schema.root());
    rule.keySet().removeAll(RESOURCE_METADATA);
    rule.put("type", "object");
    validator.check(properties, rule, "Properties");
    for (String readOnly : schema.readOnlyProperties()) {
      if (!readOnly.contains(".") && properties.containsKey(readOnly)) {
        validator.errors.add("Properties." + readOnly + ": read-only, set by CloudFormation");
      }
    }
    return validator.errors;
  }

  private void check(Object value, Map<?, ?> rule, String path) {
    if (rule.containsKey("$ref")) {
      // As in JSON Schema draft 7, a $ref replaces its siblings (these schemas have none).
      check(value, resolve((String) rule.get("$ref")), path);
      return;
    }
    String function = Intrinsics.functionOf(value);
    if (function != null) {
      if (function.equals("Fn::If")) {
        for (Object branch : Intrinsics.ifBranches(value)) {
          if (!Intrinsics.isNoValue(branch)) {
            check(branch, rule, path);
          }
        }
      }
      return;
    }
    for (Object keyword : rule.keySet()) {
      if (!CHECKED.contains(keyword) && !IGNORED.contains(keyword)) {
        throw new IllegalStateException(
            schema.type()
                + " "
                + path
                + ": schema keyword '"
                + keyword
                + "' is not supported by this validator");
      }
    }
    if (rule.containsKey("type") && !hasType(value, rule.get("type"))) {
      errors.add(path + ": expected " + rule.get("type") + ", got " + describe(value));
      return;
    }
    if (rule.containsKey("enum")
        && ((List<?>) rule.get("enum"))
            .stream().noneMatch(allowed -> String.valueOf(allowed).equals(String.valueOf(value)))) {
      errors.add(path + ": '" + value + "' is not one of the enum values " + rule.get("enum"));
    }
    if (value instanceof Map<?, ?> object) {
      checkObject(object, rule, path);
    } else if (value instanceof List<?> array) {
      checkArray(array, rule, path);
    } else {
      checkScalar(value, rule, path);
    }
  }

  private void checkObject(Map<?, ?> object, Map<?, ?> rule, String path) {
    for (Object name : list(rule, "required")) {
      if (!object.containsKey(name)) {
        errors.add(path + ": required property '" + name + "' is missing");
      }
    }
    Map<?, ?> properties = map(rule, "properties");
    Map<?, ?> patterns = map(rule, "patternProperties");
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      String name = String.valueOf(entry.getKey());
      String child = path + "." + name;
      boolean known = false;
      if (properties.containsKey(name)) {
        known = true;
        check(entry.getValue(), (Map<?, ?>) properties.get(name), child);
      }
      for (Map.Entry<?, ?> pattern : patterns.entrySet()) {
        if (Pattern.compile((String) pattern.getKey()).matcher(name).find()) {
          known = true;
          check(entry.getValue(), (Map<?, ?>) pattern.getValue(), child);
        }
      }
      Object additional = rule.get("additionalProperties");
      if (!known && Boolean.FALSE.equals(additional)) {
        errors.add(child + ": property not in the schema (additionalProperties is false)");
      } else if (!known && additional instanceof Map<?, ?> additionalRule) {
        check(entry.getValue(), additionalRule, child);
      }
    }
    if (rule.containsKey("oneOf")) {
      int passing = 0;
      for (Object alternative : (List<?>) rule.get("oneOf")) {
        SchemaValidator probe = new SchemaValidator(schema);
        probe.check(object, (Map<?, ?>) alternative, path);
        passing += probe.errors.isEmpty() ? 1 : 0;
      }
      if (passing != 1) {
        errors.add(
            path + ": must match exactly one of " + rule.get("oneOf") + ", matches " + passing);
      }
    }
  }

  private void checkArray(List<?> array, Map<?, ?> rule, String path) {
    bound(array.size(), rule.get("minItems"), rule.get("maxItems"), path + " item count");
    if (Boolean.TRUE.equals(rule.get("uniqueItems"))
        && new HashSet<>(array).size() < array.size()) {
      errors.add(path + ": items must be unique");
    }
    if (rule.get("items") instanceof Map<?, ?> items) {
      for (int i = 0; i < array.size(); i++) {
        check(array.get(i), items, path + "[" + i + "]");
      }
    }
  }

  private void checkScalar(Object value, Map<?, ?> rule, String path) {
    if (value instanceof String text) {
      bound(text.length(), rule.get("minLength"), rule.get("maxLength"), path + " length");
      if (rule.containsKey("pattern")
          && !Pattern.compile((String) rule.get("pattern")).matcher(text).find()) {
        errors.add(path + ": '" + text + "' does not match " + rule.get("pattern"));
      }
    }
    Double number = asNumber(value);
    if (number != null) {
      bound(number, rule.get("minimum"), rule.get("maximum"), path);
    }
  }

  private void bound(double actual, Object min, Object max, String what) {
    if (min instanceof Number low && actual < low.doubleValue()) {
      errors.add(what + ": " + actual + " is below the minimum " + low);
    }
    if (max instanceof Number high && actual > high.doubleValue()) {
      errors.add(what + ": " + actual + " is above the maximum " + high);
    }
  }

  private Map<?, ?> resolve(String ref) {
    if (!ref.startsWith("#/definitions/")) {
      throw new IllegalStateException(schema.type() + ": unsupported $ref " + ref);
    }
    Map<?, ?> definitions = (Map<?, ?>) schema.root().get("definitions");
    Object target =
        definitions == null ? null : definitions.get(ref.substring("#/definitions/".length()));
    return (Map<?, ?>) Objects.requireNonNull(target, schema.type() + ": no definition " + ref);
  }

  /**
   * CloudFormation passes scalars on as strings and converts them where the provider expects a
   * number or boolean, so "3" is an integer and 3 is a string as far as a template goes.
   */
  private static boolean hasType(Object value, Object type) {
    if (type instanceof List<?> types) {
      return types.stream().anyMatch(t -> hasType(value, t));
    }
    return switch ((String) type) {
      case "string" ->
          value instanceof String || value instanceof Number || value instanceof Boolean;
      case "integer" ->
          value instanceof Integer
              || value instanceof Long
              || (value instanceof String s && s.matches("-?\\d+"));
      case "number" -> asNumber(value) != null;
      case "boolean" ->
          value instanceof Boolean
              || (value instanceof String s && (s.equals("true") || s.equals("false")));
      case "array" -> value instanceof List;
      case "object" -> value instanceof Map;
      default -> throw new IllegalStateException("unknown schema type " + type);
    };
  }

  private static Double asNumber(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s && s.matches("-?\\d+(\\.\\d+)?")) {
      return Double.valueOf(s);
    }
    return null;
  }

  private static List<?> list(Map<?, ?> rule, String key) {
    Object value = rule.get(key);
    return value == null ? List.of() : (List<?>) value;
  }

  private static Map<?, ?> map(Map<?, ?> rule, String key) {
    Object value = rule.get(key);
    return value == null ? Map.of() : (Map<?, ?>) value;
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
