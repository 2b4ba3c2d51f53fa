package io.otlpiceberg.rows;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;

/**
 * Formats doubles exactly as the Collector's {@code pcommon.Value.AsString} (and Go's {@code
 * encoding/json}) do: the shortest digits that round-trip, written like an ES6 number: plain
 * decimal, or {@code 1.5e-7} / {@code 1e+21} when the magnitude is below 1e-6 or at least 1e21.
 *
 * <p>Java 17's {@code Double.toString} is not always shortest, so the digits come from Jackson's
 * Schubfach implementation and are re-laid out here. Non-finite values, which the Collector cannot
 * render, come out as {@code NaN}, {@code +Inf} and {@code -Inf} (Go's own spelling).
 */
public final class GoFloats {
  private GoFloats() {}

  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    StringBuilder out = new StringBuilder(24);
    append(out, value);
    return out.toString();
  }

  /** Appends a finite value; callers handle NaN and infinities. */
  static void append(StringBuilder out, double value) {
    if (value == 0) {
      out.append(Double.doubleToRawLongBits(value) < 0 ? "-0" : "0");
      return;
    }
    // Java's shortest form: "d.dddE±x" or "ddd.ddd"; reduce to digits and a power of ten.
    String java = DoubleToDecimal.toString(Math.abs(value));
    int e = java.indexOf('E');
    String mantissa = e < 0 ? java : java.substring(0, e);
    int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    exponent -= mantissa.length() - dot - 1;
    int first = 0;
    while (first < digits.length() - 1 && digits.charAt(first) == '0') {
      first++;
    }
    int last = digits.length();
    while (last > first + 1 && digits.charAt(last - 1) == '0') {
      last--;
      exponent++;
    }
    digits = digits.substring(first, last);
    if (digits.length() == 2 && Math.abs(value) < Double.MIN_NORMAL) {
      // Java always prints two significant digits ("4.9E-324"); Go stops at one when one
      // round-trips ("5e-324"), which only happens for the coarse subnormals. Of two that do,
      // Go takes the one nearer the exact value.
      double abs = Math.abs(value);
      java.math.BigDecimal exact = new java.math.BigDecimal(abs);
      int lead = digits.charAt(0) - '0';
      int best = -1;
      for (int candidate = lead; candidate <= lead + 1; candidate++) {
        java.math.BigDecimal c =
            new java.math.BigDecimal(candidate).scaleByPowerOfTen(exponent + 1);
        if (c.doubleValue() == abs
            && (best < 0
                || c.subtract(exact)
                        .abs()
                        .compareTo(
                            new java.math.BigDecimal(best)
                                .scaleByPowerOfTen(exponent + 1)
                                .subtract(exact)
                                .abs())
                    < 0)) {
          best = candidate;
        }
      }
      if (best >= 0) {
        digits = best == 10 ? "1" : Integer.toString(best);
        exponent += best == 10 ? 2 : 1;
      }
    }
    // value = digits × 10^exponent; decimalPoint = position of the point counted from the left.
    int decimalPoint = digits.length() + exponent;

    if (value < 0) {
      out.append('-');
    }
    double abs = Math.abs(value);
    if (abs < 1e-6 || abs >= 1e21) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int x = decimalPoint - 1;
      out.append('e').append(x < 0 ? '-' : '+');
      int magnitude = Math.abs(x);
      if (x > 0 && magnitude < 10) {
        out.append('0'); // Go pads positive exponents to two digits; negative ones lose the pad.
      }
      out.append(magnitude);
    } else if (decimalPoint <= 0) {
      out.append("0.");
      for (int i = decimalPoint; i < 0; i++) {
        out.append('0');
      }
      out.append(digits);
    } else if (decimalPoint >= digits.length()) {
      out.append(digits);
      for (int i = digits.length(); i < decimalPoint; i++) {
        out.append('0');
      }
    } else {
      out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
    }
  }
}
