package io.otlpiceberg.fieldhomes;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.otlpiceberg.decode.Signal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field an export request can reach, from the descriptors of the pinned opentelemetry-proto,
 * with every path to it. A path stops where a message would hold itself again (an AnyValue in an
 * array): deeper levels repeat the same fields.
 */
final class ReachableFields {
  private final Map<String, List<FieldPath>> pathsByField = new LinkedHashMap<>();

  ReachableFields() {
    for (Signal signal : Signal.values()) {
      Descriptor request = ExportRequests.defaultInstance(signal).getDescriptorForType();
      walk(request, new FieldPath(signal, List.of()), List.of(request));
    }
  }

  /** Field full name to the paths that reach it, in the order the walk met them. */
  Map<String, List<FieldPath>> pathsByField() {
    return pathsByField;
  }

  private void walk(Descriptor message, FieldPath to, List<Descriptor> enclosing) {
    for (FieldDescriptor field : message.getFields()) {
      FieldPath path = to.then(field);
      pathsByField.computeIfAbsent(field.getFullName(), name -> new ArrayList<>()).add(path);
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          && !enclosing.contains(field.getMessageType())) {
        List<Descriptor> deeper = new ArrayList<>(enclosing);
        deeper.add(field.getMessageType());
        walk(field.getMessageType(), path, deeper);
      }
    }
  }
}
