package io.otlpiceberg.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * iam-policy.json is the template's execution-role policy for users who deploy with their own
 * tooling: the same statements, granting the same actions on as many resources. (The resources'
 * names are checked against the connector configuration by MskConnectExampleTest and, in the
 * template, by CloudFormationTemplateTest.)
 */
class PolicyFileMatchesTemplateTest {

  @Test
  void sameStatementsAndActionsAsTheTemplate() throws IOException {
    Map<String, Object> template = CfnYaml.load(CloudFormationTemplateTest.TEMPLATE);
    Map<String, Object> role = map(map(template.get("Resources")).get("ServiceExecutionRole"));
    List<Object> policies = list(map(role.get("Properties")).get("Policies"));
    assertThat(policies).hasSize(1);
    List<Object> templateStatements =
        list(map(map(policies.get(0)).get("PolicyDocument")).get("Statement"));

    JsonNode file =
        new ObjectMapper()
            .readTree(CloudFormationTemplateTest.MSK_DIR.resolve("iam-policy.json").toFile());

    Map<String, String> fromTemplate = new LinkedHashMap<>();
    for (Object s : templateStatements) {
      Map<String, Object> statement = map(s);
      fromTemplate.put(
          (String) statement.get("Sid"),
          describe(
              (String) statement.get("Effect"),
              asStrings(statement.get("Action")),
              list(statement.get("Resource")).size()));
    }
    Map<String, String> fromFile = new LinkedHashMap<>();
    for (JsonNode statement : file.path("Statement")) {
      List<Object> actions = new ArrayList<>();
      statement.path("Action").forEach(a -> actions.add(a.asText()));
      fromFile.put(
          statement.path("Sid").asText(),
          describe(
              statement.path("Effect").asText(),
              asStrings(actions),
              statement.path("Resource").size()));
    }
    assertThat(fromFile).isEqualTo(fromTemplate);
  }

  private static String describe(String effect, Set<String> actions, int resources) {
    return effect + " " + actions + " on " + resources + " resource(s)";
  }

  private static Set<String> asStrings(Object actions) {
    Set<String> set = new TreeSet<>();
    for (Object a : actions instanceof List<?> l ? l : List.of(actions)) {
      set.add(String.valueOf(a));
    }
    return set;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o instanceof List<?> ? (List<Object>) o : List.of(o);
  }
}
