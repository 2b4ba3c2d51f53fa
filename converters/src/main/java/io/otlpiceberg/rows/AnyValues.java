package io.otlpiceberg.rows;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;

/**
 * Renders an OTLP {@code AnyValue} as text the way the Collector's {@code pcommon.Value.AsString}
 * does, so our tables hold what every Collector exporter would show: strings as they are, bools
 * {@code true}/{@code false}, ints in decimal, doubles in shortest round-trip form, bytes in
 * base64, arrays and key-value lists as JSON (Go {@code encoding/json}: sorted keys, the last of
 * duplicate keys wins, HTML-safe escapes).
 */
public final class AnyValues {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private AnyValues() {}

  /**
   * The value as text, as the Collector's {@code pcommon.Value.AsString} gives it: an empty value
   * is {@code ""}, so an attribute present but empty differs from one that is missing (null).
   */
  public static String asString(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue() ? "true" : "false";
      case INT_VALUE:
        return Long.toString(value.getIntValue());
      case DOUBLE_VALUE:
        return GoFloats.format(value.getDoubleValue());
      case BYTES_VALUE:
        return Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE:
      case KVLIST_VALUE:
        StringBuilder json = new StringBuilder(64);
        appendJson(json, value);
        return json.toString();
      case VALUE_NOT_SET:
      default:
        return "";
    }
  }

  /** The {@code body_type} of a log body: {@code string|int|double|bool|bytes|array|map|empty}. */
  public static String typeName(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return "string";
      case BOOL_VALUE:
        return "bool";
      case INT_VALUE:
        return "int";
      case DOUBLE_VALUE:
        return "double";
      case BYTES_VALUE:
        return "bytes";
      case ARRAY_VALUE:
        return "array";
      case KVLIST_VALUE:
        return "map";
      case VALUE_NOT_SET:
      default:
        return "empty";
    }
  }

  private static void appendJson(StringBuilder out, AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        appendJsonString(out, value.getStringValue());
        break;
      case BOOL_VALUE:
        out.append(value.getBoolValue());
        break;
      case INT_VALUE:
        out.append(value.getIntValue());
        break;
      case DOUBLE_VALUE:
        double d = value.getDoubleValue();
        if (Double.isFinite(d)) {
          GoFloats.append(out, d);
        } else {
          // JSON has no NaN or infinity (the Collector gives up on the whole value): keep it as
          // text.
          appendJsonString(out, GoFloats.format(d));
        }
        break;
      case BYTES_VALUE:
        out.append('"')
            .append(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()))
            .append('"');
        break;
      case ARRAY_VALUE:
        List<AnyValue> values = value.getArrayValue().getValuesList();
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          appendJson(out, values.get(i));
        }
        out.append(']');
        break;
      case KVLIST_VALUE:
        // Go marshals a map: keys sorted (by UTF-8 bytes, which for strings without surrogate
        // pairs is UTF-16 order), the last duplicate wins.
        TreeMap<String, AnyValue> sorted = new TreeMap<>(AnyValues::compareUtf8);
        for (KeyValue kv : value.getKvlistValue().getValuesList()) {
          sorted.put(kv.getKey(), kv.getValue());
        }
        out.append('{');
        boolean first = true;
        for (var entry : sorted.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          appendJsonString(out, entry.getKey());
          out.append(':');
          appendJson(out, entry.getValue());
        }
        out.append('}');
        break;
      case VALUE_NOT_SET:
      default:
        out.append("null");
    }
  }

  /** Go {@code encoding/json} string escaping, HTML-safe as {@code json.Marshal} writes it. */
  static void appendJsonString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '<':
        case '>':
        case '&':
        case '\u2028':
        case '\u2029':
          appendUnicodeEscape(out, c);
          break;
        default:
          if (c < 0x20) {
            appendUnicodeEscape(out, c);
          } else if (Character.isSurrogate(c)) {
            boolean pair =
                Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
              out.append(c).append(s.charAt(++i));
            } else {
              out.append("\\ufffd"); // Go replaces invalid UTF-8 the same way
            }
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }

  /** Orders strings by their UTF-8 bytes, as Go sorts map keys. */
  private static int compareUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // A surrogate starts a code point above U+FFFF, which UTF-8 sorts after every BMP char.
        boolean xs = Character.isSurrogate(x);
        if (xs != Character.isSurrogate(y)) {
          return xs ? 1 : -1;
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
