package io.otlpiceberg.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out what CloudFormation would make of a template fragment for given parameter values: Ref,
 * Fn::GetAtt (from given attribute values), Fn::Sub, Fn::Join, Fn::Split, Fn::Select and Fn::Base64
 * (left decoded). Anything else is refused rather than guessed.
 */
final class TemplateEvaluator {
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final Map<String, String> values;

  /** {@code values}: parameters, pseudo parameters, "Resource" (its Ref) and "Resource.Attr". */
  TemplateEvaluator(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  Object evaluate(Object node) {
    String function = Intrinsics.functionOf(node);
    if (function == null) {
      if (node instanceof Map<?, ?> map) {
        Map<Object, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(k, evaluate(v)));
        return result;
      }
      if (node instanceof List<?> list) {
        return list.stream().map(this::evaluate).toList();
      }
      return node;
    }
    Object argument = Intrinsics.argumentOf(node);
    return switch (function) {
      case "Ref" -> lookup((String) argument);
      case "Fn::GetAtt" -> lookup(((List<?>) argument).get(0) + "." + ((List<?>) argument).get(1));
      case "Fn::Base64" -> text(argument);
      case "Fn::Sub" -> sub(argument);
      case "Fn::Join" ->
          String.join(
              text(((List<?>) argument).get(0)),
              ((List<?>) evaluate(((List<?>) argument).get(1))).stream().map(this::text).toList());
      case "Fn::Split" ->
          Arrays.asList(
              text(((List<?>) argument).get(1))
                  .split(Pattern.quote(text(((List<?>) argument).get(0))), -1));
      case "Fn::Select" ->
          ((List<?>) evaluate(((List<?>) argument).get(1)))
              .get(Integer.parseInt(text(((List<?>) argument).get(0))));
      default -> throw new IllegalArgumentException("not evaluated here: " + function);
    };
  }

  /** The value as a string (a list Ref such as List<Subnet::Id> is not a string). */
  String text(Object node) {
    Object value = evaluate(node);
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw new IllegalArgumentException("not a string: " + value);
  }

  private String sub(Object argument) {
    Map<String, String> local = new HashMap<>(values);
    String template;
    if (argument instanceof List<?> list) {
      template = (String) list.get(0);
      ((Map<?, ?>) list.get(1)).forEach((k, v) -> local.put((String) k, text(v)));
    } else {
      template = (String) argument;
    }
    Matcher matcher = SUB_VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1).trim();
      String value = local.get(name);
      if (value == null) {
        throw new IllegalArgumentException("no value for ${" + name + "}");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString().replace("${!", "${");
  }

  private String lookup(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no value for " + name);
    }
    return value;
  }

  static List<String> strings(Object evaluated) {
    List<String> result = new ArrayList<>();
    if (evaluated instanceof List<?> list) {
      list.forEach(v -> result.add(String.valueOf(v)));
    } else {
      result.add(String.valueOf(evaluated));
    }
    return result;
  }
}
