package io.otlpiceberg.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;

/**
 * Reads single OTLP/JSON values by the protobuf JSON mapping rules OTLP uses: 64-bit integers as
 * strings or numbers, enums as integers or names, doubles also as {@code "NaN"} / {@code
 * "Infinity"}, trace and span ids as hex (either case; base64 accepted too, as protobuf's own JSON
 * printer writes them), other bytes as base64. Each method expects the parser on the value.
 */
final class JsonFields {
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private JsonFields() {}

  /** The field name in lowerCamelCase: OTLP/JSON writers use it, protobuf parsers accept both. */
  static String camel(String name) {
    if (name.indexOf('_') < 0) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  static String string(JsonParser p, String field) throws IOException, OtlpDecodeException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw unexpected(p, field, "a string");
    }
    return p.getText();
  }

  static boolean bool(JsonParser p, String field) throws IOException, OtlpDecodeException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw unexpected(p, field, "true or false");
  }

  /** int64 / sint64 / sfixed64. */
  static long int64(JsonParser p, String field) throws IOException, OtlpDecodeException {
    return integer(p, field, Range.INT64);
  }

  /** uint64 / fixed64: 0 to 2^64-1, kept as the same 64 bits in a Java long. */
  static long uint64(JsonParser p, String field) throws IOException, OtlpDecodeException {
    return integer(p, field, Range.UINT64);
  }

  /** int32 / sint32. */
  static int int32(JsonParser p, String field) throws IOException, OtlpDecodeException {
    return (int) integer(p, field, Range.INT32);
  }

  /** uint32 / fixed32: 0 to 2^32-1, kept as the same 32 bits in a Java int. */
  static int uint32(JsonParser p, String field) throws IOException, OtlpDecodeException {
    return (int) integer(p, field, Range.UINT32);
  }

  private enum Range {
    INT64(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)),
    UINT64(BigInteger.ZERO, UINT64_MAX),
    INT32(BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)),
    UINT32(BigInteger.ZERO, BigInteger.valueOf(0xFFFF_FFFFL));

    final BigInteger min;
    final BigInteger max;

    Range(BigInteger min, BigInteger max) {
      this.min = min;
      this.max = max;
    }

    /** Whether a value that fits a signed long is in range (UINT64 values past 2^63 never do). */
    boolean contains(long v) {
      switch (this) {
        case INT64:
          return true;
        case UINT64:
          return v >= 0;
        case INT32:
          return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
        default:
          return v >= 0 && v <= 0xFFFF_FFFFL;
      }
    }
  }

  private static long integer(JsonParser p, String field, Range range)
      throws IOException, OtlpDecodeException {
    JsonToken t = p.currentToken();
    // The common cases first: a plain number, or a string of digits, that fits a long.
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      long v = p.getLongValue();
      if (range.contains(v)) {
        return v;
      }
      throw outOfRange(field, Long.toString(v));
    }
    if (t == JsonToken.VALUE_STRING) {
      // Digits read where Jackson holds them: no String for every time stamp.
      long v = digits(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      if (v != NOT_DIGITS) {
        if (range.contains(v)) {
          return v;
        }
        throw outOfRange(field, p.getText());
      }
      String text = p.getText();
      // 19 digits: every current unix-nano time; an overflow throws and takes the exact path.
      if (text.length() <= 19 && !text.isEmpty()) {
        try {
          v = Long.parseLong(text);
          if (range.contains(v)) {
            return v;
          }
          throw outOfRange(field, text);
        } catch (NumberFormatException e) {
          // not plain digits: the general path below decides
        }
      }
    }
    BigInteger value;
    try {
      if (t == JsonToken.VALUE_NUMBER_INT) {
        value = p.getBigIntegerValue();
      } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
        value = exactInteger(p.getDecimalValue());
      } else if (t == JsonToken.VALUE_STRING) {
        String text = p.getText().trim();
        if (text.isEmpty() || text.length() > 40) {
          throw unexpected(p, field, "an integer");
        }
        value = exactInteger(new BigDecimal(text));
      } else {
        throw unexpected(p, field, "an integer (number or string)");
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw unexpected(p, field, "an integer");
    }
    if (value.compareTo(range.min) < 0 || value.compareTo(range.max) > 0) {
      throw outOfRange(field, value.toString());
    }
    return value.longValue();
  }

  /** What {@link #digits} returns for anything else; the general path reads that value. */
  private static final long NOT_DIGITS = Long.MIN_VALUE;

  /**
   * The value of at most 19 decimal digits, optionally after a '-', that fits a long (but not
   * Long.MIN_VALUE); else {@link #NOT_DIGITS}.
   */
  private static long digits(char[] chars, int offset, int length) {
    boolean negative = length > 0 && chars[offset] == '-';
    int start = negative ? offset + 1 : offset;
    int end = offset + length;
    if (start == end || end - start > 19) {
      return NOT_DIGITS;
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      int digit = chars[i] - '0';
      if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
        return NOT_DIGITS;
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }

  /**
   * The integer a decimal denotes. Checked before {@code toBigIntegerExact}, which would build a
   * billion-digit number for a hostile exponent such as {@code 1e999999999}.
   */
  private static BigInteger exactInteger(BigDecimal d) {
    if (d.signum() == 0) {
      return BigInteger.ZERO;
    }
    if (d.precision() - d.scale() > 21) {
      throw new ArithmeticException("too large");
    }
    BigDecimal stripped = d.stripTrailingZeros();
    if (stripped.scale() > 0) {
      throw new ArithmeticException("not an integer");
    }
    return stripped.toBigIntegerExact();
  }

  static double float64(JsonParser p, String field) throws IOException, OtlpDecodeException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return finite(p, field, p.getDoubleValue());
    }
    if (t == JsonToken.VALUE_STRING) {
      String text = p.getText().trim();
      switch (text) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          if (text.length() <= 64) {
            try {
              return finite(p, field, Double.parseDouble(text));
            } catch (NumberFormatException e) {
              // fall through to the error below
            }
          }
      }
    }
    throw unexpected(p, field, "a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
  }

  /**
   * A number too large for a double is refused, as Go's and protobuf-java's JSON readers refuse it,
   * rather than read as infinity: only the words "Infinity" and "-Infinity" mean that.
   */
  private static double finite(JsonParser p, String field, double value)
      throws IOException, OtlpDecodeException {
    if (Double.isInfinite(value)) {
      throw unexpected(p, field, "a number within double's range, or \"Infinity\" / \"-Infinity\"");
    }
    return value;
  }

  /** An enum as its number or its proto name; numbers this proto version lacks are kept. */
  static int enumNumber(JsonParser p, String field, EnumDescriptor type)
      throws IOException, OtlpDecodeException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      EnumValueDescriptor value = type.findValueByName(p.getText());
      if (value == null) {
        throw new OtlpDecodeException(
            String.format("'%s' is %s, not a %s name", field, quote(p.getText()), type.getName()));
      }
      return value.getNumber();
    }
    return int32(p, field);
  }

  /** A trace or span id: hex of the given length (either case), else base64 of that many bytes. */
  static ByteString id(JsonParser p, String field, int bytes)
      throws IOException, OtlpDecodeException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw unexpected(p, field, "a string");
    }
    // Hex read where Jackson holds it: no String for every id.
    char[] chars = p.getTextCharacters();
    int offset = p.getTextOffset();
    int length = p.getTextLength();
    if (length == 0) {
      return ByteString.EMPTY;
    }
    if (length == bytes * 2) {
      byte[] out = new byte[bytes];
      boolean hex = true;
      for (int i = 0; i < bytes && hex; i++) {
        int hi = Character.digit(chars[offset + 2 * i], 16);
        int lo = Character.digit(chars[offset + 2 * i + 1], 16);
        hex = hi >= 0 && lo >= 0;
        out[i] = (byte) ((hi << 4) | lo);
      }
      if (hex) {
        // The array is not used again: no copy.
        return UnsafeByteOperations.unsafeWrap(out);
      }
    }
    String text = p.getText();
    ByteString decoded = base64OrNull(text);
    if (decoded == null || decoded.size() != bytes) {
      throw new OtlpDecodeException(
          String.format("'%s' is %s, expected %d hex digits", field, quote(text), bytes * 2));
    }
    return decoded;
  }

  static ByteString base64(JsonParser p, String field) throws IOException, OtlpDecodeException {
    String text = string(p, field);
    ByteString decoded = base64OrNull(text);
    if (decoded == null) {
      throw new OtlpDecodeException(
          String.format("'%s' is %s, expected base64", field, quote(text)));
    }
    return decoded;
  }

  private static ByteString base64OrNull(String text) {
    try {
      return ByteString.copyFrom(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      try {
        return ByteString.copyFrom(Base64.getUrlDecoder().decode(text));
      } catch (IllegalArgumentException again) {
        return null;
      }
    }
  }

  static OtlpDecodeException unexpected(JsonParser p, String field, String expected)
      throws IOException {
    JsonToken t = p.currentToken();
    String found =
        t == null
            ? "the end of input"
            : t.isScalarValue()
                ? quote(p.getText())
                : t == JsonToken.START_OBJECT
                    ? "an object"
                    : t == JsonToken.START_ARRAY ? "an array" : t.toString();
    return new OtlpDecodeException(
        String.format(
            "'%s' is %s, expected %s (at line %d, column %d)",
            field,
            found,
            expected,
            p.currentLocation().getLineNr(),
            p.currentLocation().getColumnNr()));
  }

  private static OtlpDecodeException outOfRange(String field, String value) {
    return new OtlpDecodeException(String.format("'%s' is %s, out of range", field, value));
  }

  /** Quotes a value for an error message, cut short so a hostile value cannot flood the log. */
  static String quote(String text) {
    return text.length() > 80 ? "\"" + text.substring(0, 77) + "...\"" : "\"" + text + "\"";
  }
}
