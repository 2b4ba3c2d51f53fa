package io.otlpiceberg.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every structural problem of a template: resource keys, properties against the copied resource
 * schemas, and references. Types without a copied schema are reported through {@link
 * #unschemedTypes}, so the test decides which of them it checks by hand.
 */
final class TemplateCheck {
  private static final Set<String> RESOURCE_KEYS =
      Set.of(
          "Type",
          "Properties",
          "DependsOn",
          "Condition",
          "DeletionPolicy",
          "UpdateReplacePolicy",
          "Metadata",
          "CreationPolicy",
          "UpdatePolicy");
  private static final Set<String> DELETION_POLICIES =
      Set.of("Delete", "Retain", "RetainExceptOnCreate", "Snapshot");

  /** GetAtt attributes of the types without a schema here (from the CloudFormation docs). */
  private static final Map<String, Set<String>> HAND_ATTRIBUTES =
      Map.of(
          "AWS::IAM::Role", Set.of("Arn", "RoleId"),
          "AWS::Logs::LogGroup", Set.of("Arn"));

  private TemplateCheck() {}

  static List<String> problems(Map<String, Object> template) {
    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> attributes = new HashMap<>(HAND_ATTRIBUTES);
    resources(template)
        .forEach(
            (name, resource) -> {
              for (Object key : resource.keySet()) {
                if (!RESOURCE_KEYS.contains(key)) {
                  problems.add(name + ": unknown resource key " + key);
                }
              }
              for (String policy : List.of("DeletionPolicy", "UpdateReplacePolicy")) {
                if (resource.containsKey(policy)
                    && !DELETION_POLICIES.contains(resource.get(policy))) {
                  problems.add(
                      name
                          + ": "
                          + policy
                          + " "
                          + resource.get(policy)
                          + " is not one of "
                          + DELETION_POLICIES);
                }
              }
              String type = (String) resource.get("Type");
              ResourceSchema schema = ResourceSchema.forType(type);
              if (schema != null) {
                attributes.put(type, new HashSet<>(schema.readOnlyProperties()));
                Object properties = resource.getOrDefault("Properties", Map.of());
                SchemaValidator.validate(schema, (Map<?, ?>) properties)
                    .forEach(p -> problems.add(name + "." + p));
              }
            });
    problems.addAll(TemplateReferences.check(template, attributes));
    return problems;
  }

  static Set<String> unschemedTypes(Map<String, Object> template) {
    Set<String> types = new TreeSet<>();
    resources(template)
        .values()
        .forEach(
            r -> {
              if (ResourceSchema.forType((String) r.get("Type")) == null) {
                types.add((String) r.get("Type"));
              }
            });
    return types;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> resources(Map<String, Object> template) {
    return (Map<String, Map<String, Object>>) template.get("Resources");
  }
}
