package io.otlpiceberg.promote;

import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The types an attribute can be promoted to, each read from the attribute's string form in the map
 * (README, "Value conventions": the Collector's {@code AsString}), strictly: a value that is not
 * exactly the type's rendering does not convert.
 */
public enum PromotedType {
  STRING(Types.StringType.get()) {
    @Override
    Object convert(String value) {
      return value;
    }
  },
  LONG(Types.LongType.get()) {
    @Override
    Object convert(String value) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        return null;
      }
    }
  },
  DOUBLE(Types.DoubleType.get()) {
    @Override
    Object convert(String value) {
      switch (value) {
        case "NaN":
          return Double.NaN;
        case "+Inf":
          return Double.POSITIVE_INFINITY;
        case "-Inf":
          return Double.NEGATIVE_INFINITY;
        default:
          // Double.parseDouble alone would also take "0x1p3", "1d" and " 1".
          return DECIMAL.matcher(value).matches() ? Double.parseDouble(value) : null;
      }
    }
  },
  BOOLEAN(Types.BooleanType.get()) {
    @Override
    Object convert(String value) {
      return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : null;
    }
  };

  private static final Pattern DECIMAL =
      Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private final Type icebergType;

  PromotedType(Type icebergType) {
    this.icebergType = icebergType;
  }

  public Type icebergType() {
    return icebergType;
  }

  /** The value as this type, or null where the attribute's value is not one. */
  abstract Object convert(String value);

  /** As written in the connector config: {@code string}, {@code long}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type a config entry names, or null for a name that is none of them. */
  static PromotedType named(String label) {
    for (PromotedType type : values()) {
      if (type.label().equals(label)) {
        return type;
      }
    }
    return null;
  }
}
