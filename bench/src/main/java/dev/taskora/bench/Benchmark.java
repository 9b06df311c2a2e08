package dev.taskora.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The five benchmarks with taskora's parameters ({@code packages/bench/src/runner.ts}),
 * so our figures compare one to one with the Node library's.
 */
enum Benchmark {

	/** {@code n} sequential dispatches, each awaited until stored. */
	ENQUEUE_SINGLE("enqueue-single", 1_000, 500, 1, 1),

	/**
	 * {@code n} jobs through {@code dispatchMany} in batches of 50, each batch awaited.
	 */
	ENQUEUE_BULK("enqueue-bulk", 10_000, 500, 50, 1),

	/**
	 * {@code n} jobs stored first, then timed from worker start to the n-th handler run;
	 * concurrency 1.
	 */
	PROCESS_SINGLE("process-single", 1_000, 200, 100, 1),

	/** As {@link #PROCESS_SINGLE} with concurrency 100. */
	PROCESS_CONCURRENT("process-concurrent", 10_000, 200, 100, 100),

	/**
	 * {@code n} dispatches one at a time into a running worker (concurrency 10); sample =
	 * handler start − dispatch.
	 */
	LATENCY("latency", 1_000, 100, 1, 10);

	private final String id;

	private final int jobs;

	private final int warmupJobs;

	private final int batchSize;

	private final int concurrency;

	Benchmark(String id, int jobs, int warmupJobs, int batchSize, int concurrency) {
		this.id = id;
		this.jobs = jobs;
		this.warmupJobs = warmupJobs;
		this.batchSize = batchSize;
		this.concurrency = concurrency;
	}

	/** The name on the command line and in the JSON report. */
	String id() {
		return this.id;
	}

	/** Jobs per timed iteration. */
	int jobs() {
		return this.jobs;
	}

	/** Jobs of the warmup pass. */
	int warmupJobs() {
		return this.warmupJobs;
	}

	/**
	 * Jobs per {@code dispatchMany} call: the measured batch size of enqueue-bulk, the
	 * (untimed) load batch of the process benchmarks.
	 */
	int batchSize() {
		return this.batchSize;
	}

	/** Worker concurrency. */
	int concurrency() {
		return this.concurrency;
	}

	static Benchmark of(String id) {
		for (Benchmark benchmark : values()) {
			if (benchmark.id.equals(id)) {
				return benchmark;
			}
		}
		throw new IllegalArgumentException("Unknown benchmark '" + id + "'; expected one of " + ids());
	}

	static String ids() {
		return Arrays.stream(values()).map(Benchmark::id).collect(Collectors.joining(", "));
	}

}
