package io.otlpiceberg.bench.write;

import java.util.Arrays;

/** Medians of measured rounds: a shared machine's stray slow round does not drag them. */
final class Medians {
  private Medians() {}

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The median of the round-by-round ratios: both taken in the same round, under the same load. */
  static double medianRatio(double[] numerator, double[] denominator) {
    double[] ratios = new double[numerator.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = numerator[i] / denominator[i];
    }
    return median(ratios);
  }
}
