package io.otlpiceberg.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation YAML template into plain maps and lists, turning the short-form tags
 * ({@code !Ref x}, {@code !Sub s}, {@code !GetAtt a.b} ...) into their long forms ({@code {"Ref":
 * "x"}}, {@code {"Fn::Sub": "s"}}, {@code {"Fn::GetAtt": ["a", "b"]}}), the shape CloudFormation
 * itself sees.
 */
final class CfnYaml {
  private static final List<String> FUNCTIONS =
      List.of(
          "Base64",
          "Cidr",
          "FindInMap",
          "GetAZs",
          "ImportValue",
          "Join",
          "Select",
          "Split",
          "Sub",
          "Transform",
          "And",
          "Equals",
          "If",
          "Not",
          "Or",
          "Contains",
          "EachMemberEquals",
          "EachMemberIn",
          "RefAll",
          "ValueOf",
          "ValueOfAll",
          "Length",
          "ToJsonString",
          "ForEach");

  private CfnYaml() {}

  static Map<String, Object> load(Path template) throws IOException {
    try (Reader reader = Files.newBufferedReader(template)) {
      return new Yaml(new Constructor()).load(reader);
    }
  }

  private static final class Constructor extends SafeConstructor {
    Constructor() {
      super(new LoaderOptions());
      yamlConstructors.put(new Tag("!Ref"), new Function("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new Function("Condition"));
      yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
      for (String name : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + name), new Function("Fn::" + name));
      }
    }

    /** {@code !Name argument} -> {@code {"Name": argument}}, whatever the argument's kind. */
    private final class Function extends AbstractConstruct {
      private final String key;

      Function(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put(key, argument(node));
        return function;
      }
    }

    /** {@code !GetAtt Resource.Attribute} is a scalar; the long form is a two-item list. */
    private final class GetAtt extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        Object argument = argument(node);
        if (argument instanceof String text) {
          int dot = text.indexOf('.');
          argument =
              dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
        }
        return Map.of("Fn::GetAtt", argument);
      }
    }

    private Object argument(Node node) {
      if (node instanceof ScalarNode scalar) {
        return constructScalar(scalar);
      }
      if (node instanceof SequenceNode sequence) {
        return new ArrayList<>(constructSequence(sequence));
      }
      return new LinkedHashMap<>(constructMapping((MappingNode) node));
    }
  }
}
