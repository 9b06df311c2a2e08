package dev.taskora.bench;

import java.util.Arrays;

/**
 * The statistics of taskora's {@code stats.ts}, so both suites summarise runs the same
 * way.
 */
final class Stats {

	private Stats() {
	}

	/** The median; the mean of the middle two for an even count, 0 for none. */
	static double median(double... values) {
		if (values.length == 0) {
			return 0;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int mid = sorted.length / 2;
		return (sorted.length % 2 == 0) ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid];
	}

	/**
	 * The nearest-rank percentile of sorted values: the smallest value with at least
	 * {@code p} percent of the values at or below it; 0 for none.
	 */
	static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		if (p <= 0 || p > 100) {
			throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
		}
		int index = (int) Math.ceil(sorted.length * (p / 100)) - 1;
		return sorted[Math.max(0, index)];
	}

	/** Operations per second of {@code ops} done in {@code nanos}. */
	static double opsPerSec(int ops, double nanos) {
		return (nanos > 0) ? ops * 1e9 / nanos : 0;
	}

}
