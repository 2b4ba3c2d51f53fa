package io.otlpiceberg.fieldhomes;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.List;

/**
 * Builds the smallest request that sets a path's messages and gives one row: every level of the
 * fan-out that the path does not pass through gets one element of its own, and a metric the path
 * gives no kind gets the kind asked for. The same request is built with the path's field unset and
 * with it set to a {@link DistinctValues distinct value}, so the two differ in that field alone.
 */
final class PathRequests {
  private final FieldHomes homes;

  PathRequests(FieldHomes homes) {
    this.homes = homes;
  }

  /**
   * The request along {@code path}, its last field set or not.
   *
   * @param kind the {@code Metric} data member for a metric the path does not choose; unused
   *     outside metrics
   */
  Message request(FieldPath path, boolean leafSet, FieldDescriptor kind) {
    Message.Builder request = ExportRequests.defaultInstance(path.signal()).newBuilderForType();
    fill(request, path.fields(), 0, leafSet, kind);
    return request.build();
  }

  private void fill(
      Message.Builder message,
      List<FieldDescriptor> path,
      int index,
      boolean leafSet,
      FieldDescriptor kind) {
    FieldDescriptor field = path.get(index);
    if (index == path.size() - 1) {
      if (leafSet) {
        DistinctValues.set(message, field);
      }
    } else {
      Message.Builder child = message.newBuilderForField(field);
      fill(child, path, index + 1, leafSet, kind);
      if (field.isRepeated()) {
        message.addRepeatedField(field, child.build());
      } else {
        message.setField(field, child.build());
      }
    }
    complete(message, kind);
  }

  /** Gives the message what it needs to fan out into a row, where the path left it without. */
  private void complete(Message.Builder message, FieldDescriptor kind) {
    boolean kindChosen = false;
    boolean hasKinds = false;
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      Home home = homes.of(field.getFullName());
      if (home instanceof Home.FannedOut && message.getRepeatedFieldCount(field) == 0) {
        Message.Builder element = message.newBuilderForField(field);
        complete(element, kind);
        message.addRepeatedField(field, element.build());
      } else if (home instanceof Home.RowsIn) {
        hasKinds = true;
        kindChosen |= message.hasField(field);
      }
    }
    if (hasKinds && !kindChosen) {
      Message.Builder data = message.newBuilderForField(kind);
      complete(data, kind);
      message.setField(kind, data.build());
    }
  }
}
