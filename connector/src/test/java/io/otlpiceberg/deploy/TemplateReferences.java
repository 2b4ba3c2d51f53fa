package io.otlpiceberg.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds references in a template that name nothing: Ref, Fn::GetAtt, ${..} in Fn::Sub, DependsOn,
 * Condition and Fn::If conditions, GetAtt attributes a resource type does not have, and references
 * to a resource that has a Condition from where that condition may be false (outside the true
 * branch of an Fn::If on it, and outside resources with the same condition).
 */
final class TemplateReferences {
  /** Pseudo parameters a template may Ref or ${..} without declaring them. */
  private static final Set<String> PSEUDO =
      Set.of(
          "AWS::AccountId",
          "AWS::NotificationARNs",
          "AWS::NoValue",
          "AWS::Partition",
          "AWS::Region",
          "AWS::StackId",
          "AWS::StackName",
          "AWS::URLSuffix");

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final Map<?, ?> parameters;
  private final Map<?, ?> resources;
  private final Map<?, ?> conditions;
  private final Map<String, Set<String>> attributes;
  private final List<String> errors = new ArrayList<>();
  private final Set<String> used = new HashSet<>();

  /** The Condition of the resource being walked, if any. */
  private Object currentCondition;

  private TemplateReferences(Map<String, Object> template, Map<String, Set<String>> attributes) {
    this.parameters = map(template.get("Parameters"));
    this.resources = map(template.get("Resources"));
    this.conditions = map(template.get("Conditions"));
    this.attributes = attributes;
  }

  /**
   * Problems in the template; {@code attributes} lists the GetAtt attributes of each resource type
   * (types not listed are not checked for attributes).
   */
  static List<String> check(Map<String, Object> template, Map<String, Set<String>> attributes) {
    return walked(template, attributes).errors;
  }

  /** Names of the parameters and resources that something refers to (Ref, GetAtt, ${..}). */
  static Set<String> usedNames(Map<String, Object> template) {
    return walked(template, Map.of()).used;
  }

  private static TemplateReferences walked(
      Map<String, Object> template, Map<String, Set<String>> attributes) {
    TemplateReferences refs = new TemplateReferences(template, attributes);
    refs.resources.forEach(
        (name, resource) -> {
          refs.currentCondition = map(resource).get("Condition");
          if (refs.currentCondition != null
              && !refs.conditions.containsKey(refs.currentCondition)) {
            refs.errors.add(name + ": Condition names no condition: " + refs.currentCondition);
          }
          Object dependsOn = map(resource).get("DependsOn");
          for (Object target :
              dependsOn instanceof List<?> list
                  ? list
                  : dependsOn == null ? List.of() : List.of(dependsOn)) {
            if (!refs.resources.containsKey(target)) {
              refs.errors.add(name + ": DependsOn names no resource: " + target);
            } else {
              refs.guarded(String.valueOf(target), Set.of(), name + ".DependsOn");
            }
          }
          refs.walk(map(resource).get("Properties"), name + ".Properties", Set.of(), Set.of());
          refs.walk(map(resource).get("Metadata"), name + ".Metadata", Set.of(), Set.of());
        });
    refs.currentCondition = null;
    refs.walk(template.get("Outputs"), "Outputs", Set.of(), Set.of());
    refs.walk(template.get("Conditions"), "Conditions", Set.of(), Set.of());
    return refs;
  }

  /** {@code guards}: conditions known to be true here (inside Fn::If true branches). */
  private void walk(Object node, String path, Set<String> subVariables, Set<Object> guards) {
    String function = Intrinsics.functionOf(node);
    if (function != null) {
      Object argument = Intrinsics.argumentOf(node);
      switch (function) {
        case "Ref" -> name((String) argument, path, subVariables, guards);
        case "Fn::GetAtt" -> getAtt((List<?>) argument, path, guards);
        case "Fn::Sub" -> {
          sub(argument, path, guards);
          return;
        }
        case "Fn::If" -> {
          List<?> args = (List<?>) argument;
          Object condition = args.get(0);
          if (!conditions.containsKey(condition)) {
            errors.add(path + ": Fn::If names no condition: " + condition);
          }
          Set<Object> whenTrue = new HashSet<>(guards);
          whenTrue.add(condition);
          walk(args.get(1), path, subVariables, whenTrue);
          walk(args.get(2), path, subVariables, guards);
          return;
        }
        default -> {}
      }
      walk(argument, path, subVariables, guards);
    } else if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> walk(value, path + "." + key, subVariables, guards));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", subVariables, guards);
      }
    }
  }

  /** A reference to a resource with a Condition is only valid where that condition holds. */
  private void guarded(String resource, Set<Object> guards, String path) {
    Object condition = map(resources.get(resource)).get("Condition");
    if (condition != null && !condition.equals(currentCondition) && !guards.contains(condition)) {
      errors.add(
          path
              + ": refers to "
              + resource
              + ", which exists only if "
              + condition
              + " (use Fn::If on "
              + condition
              + ")");
    }
  }

  private void sub(Object argument, String path, Set<Object> guards) {
    String text;
    Set<String> variables = new HashSet<>();
    if (argument instanceof List<?> list) {
      text = (String) list.get(0);
      Map<?, ?> values = map(list.get(1));
      values.keySet().forEach(k -> variables.add((String) k));
      walk(values, path, Set.of(), guards);
    } else {
      text = (String) argument;
    }
    Matcher matcher = SUB_VARIABLE.matcher(text);
    while (matcher.find()) {
      String variable = matcher.group(1).trim();
      if (variable.startsWith("!")) {
        continue; // ${!Literal} is an escaped literal
      }
      int dot = variable.indexOf('.');
      if (dot > 0 && !variables.contains(variable) && !PSEUDO.contains(variable)) {
        getAtt(List.of(variable.substring(0, dot), variable.substring(dot + 1)), path, guards);
      } else {
        name(variable, path, variables, guards);
      }
    }
  }

  private void name(String name, String path, Set<String> subVariables, Set<Object> guards) {
    used.add(name);
    if (!PSEUDO.contains(name)
        && !parameters.containsKey(name)
        && !resources.containsKey(name)
        && !subVariables.contains(name)) {
      errors.add(path + ": names no parameter or resource: " + name);
    } else if (resources.containsKey(name) && !subVariables.contains(name)) {
      guarded(name, guards, path);
    }
  }

  private void getAtt(List<?> target, String path, Set<Object> guards) {
    used.add(String.valueOf(target.get(0)));
    Object resource = resources.get(target.get(0));
    if (resource == null) {
      errors.add(path + ": Fn::GetAtt names no resource: " + target.get(0));
      return;
    }
    guarded(String.valueOf(target.get(0)), guards, path);
    Set<String> known = attributes.get((String) map(resource).get("Type"));
    if (known != null && !known.contains(String.valueOf(target.get(1)))) {
      errors.add(
          path
              + ": "
              + map(resource).get("Type")
              + " has no attribute "
              + target.get(1)
              + " (has "
              + known
              + ")");
    }
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }
}
