package io.otlpiceberg.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds references in a template that name nothing: Ref, Fn::GetAtt, ${..} in Fn::Sub,
 * DependsOn, Fn::If conditions, and GetAtt attributes a resource type does not have.
 */
final class TemplateReferences {
  /** Pseudo parameters a template may Ref or ${..} without declaring them. */
  private static final Set<String> PSEUDO = Set.of("AWS::AccountId", "AWS::NotificationARNs",
      "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName",
      "AWS::URLSuffix");
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final Map<?, ?> parameters;
  private final Map<?, ?> resources;
  private final Map<?, ?> conditions;
  private final Map<String, Set<String>> attributes;
  private final List<String> errors = new ArrayList<>();
  private final Set<String> used = new HashSet<>();

  private TemplateReferences(Map<String, Object> template, Map<String, Set<String>> attributes) {
    this.parameters = map(template.get("Parameters"));
    this.resources = map(template.get("Resources"));
    this.conditions = map(template.get("Conditions"));
    this.attributes = attributes;
  }

  /**
   * Problems in the template; {@code attributes} lists the GetAtt attributes of each resource
   * type (types not listed are not checked for attributes).
   */
  static List<String> check(Map<String, Object> template, Map<String, Set<String>> attributes) {
    return walked(template, attributes).errors;
  }

  /** Names of the parameters and resources that something refers to (Ref, GetAtt, ${..}). */
  static Set<String> usedNames(Map<String, Object> template) {
    return walked(template, Map.of()).used;
  }

  private static TemplateReferences walked(Map<String, Object> template,
      Map<String, Set<String>> attributes) {
    TemplateReferences refs = new TemplateReferences(template, attributes);
    refs.resources.forEach((name, resource) -> {
      Object dependsOn = map(resource).get("DependsOn");
      for (Object target : dependsOn instanceof List<?> list ? list
          : dependsOn == null ? List.of() : List.of(dependsOn)) {
        if (!refs.resources.containsKey(target)) {
          refs.errors.add(name + ": DependsOn names no resource: " + target);
        }
      }
      refs.walk(map(resource).get("Properties"), name + ".Properties", Set.of());
    });
    refs.walk(template.get("Outputs"), "Outputs", Set.of());
    refs.walk(template.get("Conditions"), "Conditions", Set.of());
    return refs;
  }

  private void walk(Object node, String path, Set<String> subVariables) {
    String function = Intrinsics.functionOf(node);
    if (function != null) {
      Object argument = Intrinsics.argumentOf(node);
      switch (function) {
        case "Ref" -> name((String) argument, path, subVariables);
        case "Fn::GetAtt" -> getAtt((List<?>) argument, path);
        case "Fn::Sub" -> {
          sub(argument, path);
          return;
        }
        case "Fn::If" -> {
          Object condition = ((List<?>) argument).get(0);
          if (!conditions.containsKey(condition)) {
            errors.add(path + ": Fn::If names no condition: " + condition);
          }
        }
        default -> { }
      }
      walk(argument, path, subVariables);
    } else if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> walk(value, path + "." + key, subVariables));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", subVariables);
      }
    }
  }

  private void sub(Object argument, String path) {
    String text;
    Set<String> variables = new HashSet<>();
    if (argument instanceof List<?> list) {
      text = (String) list.get(0);
      Map<?, ?> values = map(list.get(1));
      values.keySet().forEach(k -> variables.add((String) k));
      walk(values, path, Set.of());
    } else {
      text = (String) argument;
    }
    Matcher matcher = SUB_VARIABLE.matcher(text);
    while (matcher.find()) {
      String variable = matcher.group(1).trim();
      if (variable.startsWith("!")) {
        continue;   // ${!Literal} is an escaped literal
      }
      int dot = variable.indexOf('.');
      if (dot > 0 && !variables.contains(variable) && !PSEUDO.contains(variable)) {
        getAtt(List.of(variable.substring(0, dot), variable.substring(dot + 1)), path);
      } else {
        name(variable, path, variables);
      }
    }
  }

  private void name(String name, String path, Set<String> subVariables) {
    used.add(name);
    if (!PSEUDO.contains(name) && !parameters.containsKey(name) && !resources.containsKey(name)
        && !subVariables.contains(name)) {
      errors.add(path + ": names no parameter or resource: " + name);
    }
  }

  private void getAtt(List<?> target, String path) {
    used.add(String.valueOf(target.get(0)));
    Object resource = resources.get(target.get(0));
    if (resource == null) {
      errors.add(path + ": Fn::GetAtt names no resource: " + target.get(0));
      return;
    }
    Set<String> known = attributes.get((String) map(resource).get("Type"));
    if (known != null && !known.contains(String.valueOf(target.get(1)))) {
      errors.add(path + ": " + map(resource).get("Type") + " has no attribute " + target.get(1)
          + " (has " + known + ")");
    }
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }
}
