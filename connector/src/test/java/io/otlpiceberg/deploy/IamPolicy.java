package io.otlpiceberg.deploy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An evaluated IAM policy document, answering whether it allows an action on a resource ARN the way
 * IAM matches them: "*" and "?" wildcards, actions case-insensitively. Only Allow statements with
 * Action and Resource are considered (this template has no Deny, NotAction or conditions).
 */
final class IamPolicy {
  private final List<Map<?, ?>> statements;

  IamPolicy(Map<?, ?> document) {
    Object statement = document.get("Statement");
    this.statements =
        (statement instanceof List<?> list ? list : List.of(statement))
            .stream().<Map<?, ?>>map(s -> (Map<?, ?>) s).toList();
  }

  boolean allows(String action, String arn) {
    return statements.stream()
        .filter(s -> "Allow".equals(s.get("Effect")))
        .filter(
            s ->
                TemplateEvaluator.strings(s.get("Action")).stream()
                    .anyMatch(a -> matches(a.toLowerCase(), action.toLowerCase())))
        .anyMatch(
            s ->
                TemplateEvaluator.strings(s.get("Resource")).stream()
                    .anyMatch(r -> matches(r, arn)));
  }

  static boolean matches(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return value.matches(regex.toString());
  }
}
