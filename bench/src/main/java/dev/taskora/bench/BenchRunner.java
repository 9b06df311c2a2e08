package dev.taskora.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the selected benchmarks as taskora's runner does: per benchmark one warmup pass,
 * then the timed iterations, each on a fresh task and app, with FLUSHDB before and after
 * every run.
 */
final class BenchRunner {

	private final BenchOptions options;

	private final BenchStore store;

	private final Workloads workloads;

	private final PrintStream progress;

	BenchRunner(BenchOptions options, BenchStore store, PrintStream progress) {
		this.options = options;
		this.store = store;
		this.workloads = new Workloads(options.redisUrl(), store, options.virtualThreads(), options.nonBlocking());
		this.progress = progress;
	}

	List<BenchmarkResult> run() throws InterruptedException {
		List<BenchmarkResult> results = new ArrayList<>();
		for (Benchmark benchmark : this.options.benchmarks()) {
			results.add(run(benchmark));
		}
		return results;
	}

	private BenchmarkResult run(Benchmark benchmark) throws InterruptedException {
		String base = BenchStore.TASK_PREFIX + benchmark.id() + "-" + System.currentTimeMillis();
		int warmupJobs = this.options.warmupJobs(benchmark);
		this.progress.printf(Locale.ROOT, "%s: warmup (%,d jobs)", benchmark.id(), warmupJobs);
		this.store.flush();
		this.workloads.run(benchmark, warmupJobs, base + "-warmup");
		List<Measurement> iterations = new ArrayList<>();
		for (int i = 0; i < this.options.iterations(); i++) {
			this.store.flush();
			Measurement measurement = this.workloads.run(benchmark, benchmark.jobs(), base + "-" + i);
			iterations.add(measurement);
			this.progress.printf(Locale.ROOT, ", %,d ops/s", Math.round(measurement.opsPerSec()));
		}
		this.store.flush();
		this.progress.println();
		return new BenchmarkResult(benchmark, iterations);
	}

}
