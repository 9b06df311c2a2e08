package dev.taskora.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

/**
 * A benchmark's timed iterations and what is reported of them: the median throughput, as
 * taskora does, latency percentiles over the samples of every iteration, and per-job
 * costs.
 *
 * @param benchmark the benchmark
 * @param iterations the timed iterations, in run order
 */
record BenchmarkResult(Benchmark benchmark, List<Measurement> iterations) {

	BenchmarkResult {
		if (iterations.isEmpty()) {
			throw new IllegalArgumentException("a result needs at least one iteration");
		}
		iterations = List.copyOf(iterations);
	}

	/** Jobs over the median duration. */
	double opsPerSec() {
		return Stats.opsPerSec(this.iterations.get(0).jobs(), median(m -> m.nanos()));
	}

	/** Throughput of each iteration, in run order. */
	double[] opsPerSecByIteration() {
		return this.iterations.stream().mapToDouble(Measurement::opsPerSec).toArray();
	}

	/**
	 * Median growth of Redis memory per stored job, or {@code null} when not measured.
	 */
	@Nullable Double bytesPerJob() {
		if (this.iterations.get(0).memoryDelta() < 0) {
			return null;
		}
		return median(m -> (double) m.memoryDelta() / m.jobs());
	}

	/** Median JVM CPU time per job in microseconds, or {@code null} when unknown. */
	@Nullable Double clientCpuMicrosPerJob() {
		if (this.iterations.get(0).clientCpuNanos() < 0) {
			return null;
		}
		return median(m -> m.clientCpuNanos() / 1e3 / m.jobs());
	}

	/** Median Redis CPU time per job in microseconds. */
	double serverCpuMicrosPerJob() {
		return median(m -> (double) m.serverCpuMicros() / m.jobs());
	}

	/** Median Redis command (script) time per job in microseconds. */
	double commandMicrosPerJob() {
		return median(m -> (double) m.commandMicros() / m.jobs());
	}

	/** Median share of one core the Redis server used in the timed window. */
	double serverCpuShare() {
		return median(m -> m.serverCpuMicros() * 1e3 / m.nanos());
	}

	/**
	 * Median share of one core this JVM used in the timed window, or {@code null} when
	 * unknown.
	 */
	@Nullable Double clientCpuShare() {
		if (this.iterations.get(0).clientCpuNanos() < 0) {
			return null;
		}
		return median(m -> (double) m.clientCpuNanos() / m.nanos());
	}

	/**
	 * Median share of the cores other processes used in the timed window (machine busy
	 * time minus this JVM and Redis), or {@code null} when unknown. Above a few tenths
	 * the figures are not this machine's best.
	 */
	@Nullable Double otherCpuShare() {
		Measurement first = this.iterations.get(0);
		if (first.machineCpuNanos() < 0 || first.clientCpuNanos() < 0) {
			return null;
		}
		return median(m -> Math.max(0, m.machineCpuNanos() - m.clientCpuNanos() - m.serverCpuMicros() * 1e3)
				/ (double) m.nanos());
	}

	/**
	 * The latency percentile in milliseconds over every iteration's samples, or
	 * {@code null} without samples.
	 */
	@Nullable Double latencyMs(double percentile) {
		long[] all = this.iterations.stream()
			.map(Measurement::latencies)
			.filter(samples -> samples != null)
			.flatMapToLong(samples -> Arrays.stream(samples))
			.sorted()
			.toArray();
		return (all.length == 0) ? null : Stats.percentile(all, percentile) / 1e6;
	}

	private double median(ToDoubleFunction<Measurement> value) {
		return Stats.median(this.iterations.stream().mapToDouble(value).toArray());
	}

}
