package io.otlpiceberg.rows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings are what Go's pcommon.Value.AsString prints for the same float64. */
class GoFloatsTest {
  @ParameterizedTest
  @CsvSource({
    "637.704, 637.704",
    "0.1, 0.1",
    "100, 100",
    "5, 5",
    "-2.5, -2.5",
    "0.000001, 0.000001",
    "1.0E-7, 1e-7",
    "1.5E-7, 1.5e-7",
    "1.0E20, 100000000000000000000",
    "1.0E21, 1e+21",
    "1.2345E22, 1.2345e+22",
    "1.0E-100, 1e-100",
    "4.9E-324, 5e-324",
    "1.7976931348623157E308, 1.7976931348623157e+308",
    // Java 17's Double.toString prints 2.82879384806159008E17 here; the shortest form is:
    "2.82879384806159E17, 282879384806159000",
    "123456789.125, 123456789.125",
    "-1.0E-10, -1e-10",
  })
  void formatsLikeTheCollector(double value, String expected) {
    assertThat(GoFloats.format(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"NaN, NaN", "Infinity, +Inf", "-Infinity, -Inf", "-0.0, -0", "0.0, 0"})
  void specialValues(double value, String expected) {
    assertThat(GoFloats.format(value)).isEqualTo(expected);
  }
}
