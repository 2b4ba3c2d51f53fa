package io.otlpiceberg.fieldhomes;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.otlpiceberg.decode.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** One place a field can be set: the fields from an export request down to it. */
record FieldPath(Signal signal, List<FieldDescriptor> fields) {

  FieldDescriptor leaf() {
    return fields.get(fields.size() - 1);
  }

  FieldPath then(FieldDescriptor field) {
    List<FieldDescriptor> longer = new ArrayList<>(fields);
    longer.add(field);
    return new FieldPath(signal, List.copyOf(longer));
  }

  /** The name of the field that holds the message at {@code index}, as {@code {via}} means it. */
  String via(int index) {
    return index == 0 ? "" : fields.get(index - 1).getName();
  }

  @Override
  public String toString() {
    return signal.label()
        + ": "
        + fields.stream().map(FieldDescriptor::getName).collect(Collectors.joining("."));
  }
}
