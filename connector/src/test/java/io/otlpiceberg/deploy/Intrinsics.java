package io.otlpiceberg.deploy;

import java.util.List;
import java.util.Map;

/**
 * Recognises CloudFormation intrinsic-function objects ({@code {"Ref": ..}}, {@code {"Fn::X":
 * ..}}).
 */
final class Intrinsics {
  private Intrinsics() {}

  /** The function's key ("Ref", "Fn::Sub" ...) when the value is one, else null. */
  static String functionOf(Object value) {
    if (value instanceof Map<?, ?> map && map.size() == 1) {
      Object key = map.keySet().iterator().next();
      if (key instanceof String name && (name.equals("Ref") || name.startsWith("Fn::"))) {
        return name;
      }
    }
    return null;
  }

  static Object argumentOf(Object value) {
    return ((Map<?, ?>) value).values().iterator().next();
  }

  static boolean isNoValue(Object value) {
    return "Ref".equals(functionOf(value)) && "AWS::NoValue".equals(argumentOf(value));
  }

  /** Fn::If's two branches; the condition name is checked elsewhere. */
  static List<?> ifBranches(Object value) {
    List<?> args = (List<?>) argumentOf(value);
    return args.subList(1, 3);
  }
}
