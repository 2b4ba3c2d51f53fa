package io.otlpiceberg.decode;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.GeneratedMessage;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields of one protobuf message as OTLP/JSON names them, taken from its descriptor: each by
 * its lowerCamelCase JSON name and by its proto name, both of which protobuf's JSON parsers accept.
 * Built once per message type and shared.
 */
final class MessageSchema {
  private static final Map<Descriptor, MessageSchema> SCHEMAS = new ConcurrentHashMap<>();

  private final GeneratedMessage prototype;

  /**
   * JSON names, then proto names, each in field-number order (the order protobuf's printers write),
   * interned: Jackson interns the keys it reads.
   */
  private final String[] names;

  private final FieldSchema[] fieldsByName;
  private final Map<String, FieldSchema> byName = new HashMap<>();

  private MessageSchema(Message prototype) {
    this.prototype = (GeneratedMessage) prototype;
    Message.Builder builder = prototype.newBuilderForType();
    List<FieldDescriptor> fields = new ArrayList<>(prototype.getDescriptorForType().getFields());
    fields.sort(Comparator.comparingInt(FieldDescriptor::getNumber));
    names = new String[2 * fields.size()];
    fieldsByName = new FieldSchema[names.length];
    for (int i = 0; i < fields.size(); i++) {
      FieldDescriptor field = fields.get(i);
      FieldSchema schema = new FieldSchema(builder, field, i);
      names[i] = field.getJsonName().intern();
      names[fields.size() + i] = field.getName().intern();
      fieldsByName[i] = schema;
      fieldsByName[fields.size() + i] = schema;
      byName.put(field.getJsonName(), schema);
      byName.put(field.getName(), schema);
    }
  }

  /** The schema of a generated message's type. */
  static MessageSchema of(Message prototype) {
    MessageSchema schema = SCHEMAS.get(prototype.getDescriptorForType());
    if (schema == null) {
      // Not computeIfAbsent: building a schema may build others (no recursion: nested types are
      // looked up on first use), and a race only builds one twice.
      schema = new MessageSchema(prototype);
      SCHEMAS.putIfAbsent(prototype.getDescriptorForType(), schema);
    }
    return schema;
  }

  /**
   * A builder of this message, without reflection. Typed as the generated classes' base class, not
   * as the {@link Message.Builder} interface: the reader calls this and {@code build()} for every
   * message of every type, and a virtual call costs less there than an interface call.
   */
  GeneratedMessage.Builder<?> newBuilder() {
    return (GeneratedMessage.Builder<?>) prototype.newBuilderForType();
  }

  /**
   * The field a JSON key names, or null if this message has none. A key that mixes the two
   * spellings ({@code start_timeUnixNano}) is taken by its lowerCamelCase form, as the reader
   * before this one did.
   */
  FieldSchema field(String key) {
    return field(key, 0);
  }

  /**
   * As {@link #field(String)}, trying first the field at {@code expected} ({@link
   * FieldSchema#index}): the one after the previous key's, when keys come in field order.
   */
  FieldSchema field(String key, int expected) {
    if (expected < names.length && names[expected] == key) {
      return fieldsByName[expected];
    }
    // A scan for the same String is faster than hashing for a dozen names, and is what a key
    // Jackson read will match; the map takes any other.
    for (int i = 0; i < names.length; i++) {
      if (names[i] == key) {
        return fieldsByName[i];
      }
    }
    FieldSchema field = byName.get(key);
    if (field == null && key.indexOf('_') >= 0) {
      field = byName.get(JsonFields.camel(key));
    }
    return field;
  }
}
