package io.otlpiceberg.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CloudFormation resource provider schema copied into src/test/resources/cfn-schemas/ (see the
 * SOURCES.md there), found by type: AWS::S3Tables::TableBucket -> aws-s3tables-tablebucket.json.
 */
record ResourceSchema(String type, Map<String, Object> root) {

  /** The schema of the type, or null when none was copied. */
  static ResourceSchema forType(String type) {
    String file = "/cfn-schemas/" + type.toLowerCase(Locale.ROOT).replace("::", "-") + ".json";
    try (InputStream in = ResourceSchema.class.getResourceAsStream(file)) {
      if (in == null) {
        return null;
      }
      Map<String, Object> root = new ObjectMapper().readValue(in, new TypeReference<>() {});
      if (!type.equals(root.get("typeName"))) {
        throw new IllegalStateException(file + " describes " + root.get("typeName"));
      }
      return new ResourceSchema(type, root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Property names CloudFormation sets (GetAtt attributes); a template may not set them. */
  List<String> readOnlyProperties() {
    Object paths = root.getOrDefault("readOnlyProperties", List.of());
    return ((List<?>) paths)
        .stream()
            .map(p -> ((String) p).substring("/properties/".length()).replace('/', '.'))
            .toList();
  }
}
