package dev.taskora.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints the results: one JSON object for scripts, or a table next to taskora's figures
 * measured on the reference machine (2 cores, Redis 7 on loopback) and the targets set
 * for this port.
 */
final class BenchReport {

	/** Node taskora 0.5 on the reference machine, ops/s. */
	static final Map<Benchmark, Double> TASKORA_NODE = Map.of(Benchmark.ENQUEUE_SINGLE, 5_800.0, Benchmark.ENQUEUE_BULK,
			77_000.0, Benchmark.PROCESS_SINGLE, 4_700.0, Benchmark.PROCESS_CONCURRENT, 29_000.0);

	/** The factor over {@link #TASKORA_NODE} each benchmark must reach. */
	static final Map<Benchmark, Double> TARGET_FACTOR = Map.of(Benchmark.ENQUEUE_SINGLE, 1.3, Benchmark.ENQUEUE_BULK,
			2.0, Benchmark.PROCESS_SINGLE, 1.3, Benchmark.PROCESS_CONCURRENT, 2.0);

	static final double TARGET_P99_MS = 1.0;

	private final Map<String, String> versions;

	private final List<BenchmarkResult> results;

	private final ClientFloor.@Nullable Result floor;

	BenchReport(Map<String, String> versions, List<BenchmarkResult> results, ClientFloor.@Nullable Result floor) {
		this.versions = versions;
		this.results = List.copyOf(results);
		this.floor = floor;
	}

	/**
	 * The report as one JSON object; a benchmark that did not run reports {@code null}.
	 */
	String json() {
		Map<String, @Nullable Object> root = new LinkedHashMap<>();
		root.put("library", "taskora-java");
		root.put("versions", this.versions);
		Map<String, @Nullable Object> ops = new LinkedHashMap<>();
		for (Benchmark benchmark : Benchmark.values()) {
			BenchmarkResult result = find(benchmark);
			ops.put(benchmark.id(), (result != null) ? Math.round(result.opsPerSec()) : null);
		}
		root.put("opsPerSec", ops);
		Map<String, @Nullable Object> latency = new LinkedHashMap<>();
		BenchmarkResult latencyRun = find(Benchmark.LATENCY);
		for (int p : new int[] { 50, 95, 99 }) {
			latency.put("p" + p, (latencyRun != null) ? round3(latencyRun.latencyMs(p)) : null);
		}
		root.put("latencyMs", latency);
		Double bytes = bytesPerJob();
		root.put("bytesPerJob", (bytes != null) ? Math.round(bytes) : null);
		// not in taskora's report: per-job costs of the timed windows (medians), for
		// side-by-side tables
		Map<String, Object> perJob = new LinkedHashMap<>();
		for (BenchmarkResult result : this.results) {
			Map<String, @Nullable Object> costs = new LinkedHashMap<>();
			Double jvm = result.clientCpuMicrosPerJob();
			costs.put("jvmCpuUs", (jvm != null) ? round1(jvm) : null);
			costs.put("redisCpuUs", round1(result.serverCpuMicrosPerJob()));
			Double other = result.otherCpuShare();
			costs.put("otherCores", (other != null) ? Math.round(other * 100) / 100.0 : null);
			perJob.put(result.benchmark().id(), costs);
		}
		root.put("perJob", perJob);
		// not in taskora's report either: the client's floor, when measured
		@Nullable Map<String, @Nullable Object> floor = null;
		if (this.floor != null) {
			floor = new LinkedHashMap<>();
			floor.put("roundTripsPerSec", Math.round(this.floor.roundTripsPerSec()));
			floor.put("p50Ms", round3(this.floor.p50Ms()));
			floor.put("p99Ms", round3(this.floor.p99Ms()));
		}
		root.put("floor", floor);
		return JsonMapper.builder().build().writeValueAsString(root);
	}

	private static double round1(double value) {
		return Math.round(value * 10) / 10.0;
	}

	/**
	 * Bytes per job from enqueue-bulk (10,000 jobs, the steadier figure), else from
	 * enqueue-single.
	 */
	@Nullable Double bytesPerJob() {
		for (Benchmark benchmark : List.of(Benchmark.ENQUEUE_BULK, Benchmark.ENQUEUE_SINGLE)) {
			BenchmarkResult result = find(benchmark);
			if (result != null && result.bytesPerJob() != null) {
				return result.bytesPerJob();
			}
		}
		return null;
	}

	void printTable(PrintStream out) {
		out.println(this.versions.entrySet()
			.stream()
			.map(entry -> entry.getKey() + " " + entry.getValue())
			.collect(Collectors.joining(" · ")));
		out.println();
		out.printf(Locale.ROOT, "%-19s %10s  %-28s %12s %7s  %s%n", "benchmark", "ops/s", "iterations (ops/s)",
				"taskora Node", "ratio", "target");
		for (BenchmarkResult result : this.results) {
			Benchmark benchmark = result.benchmark();
			Double node = TASKORA_NODE.get(benchmark);
			Double factor = TARGET_FACTOR.get(benchmark);
			String ratio = (node != null) ? String.format(Locale.ROOT, "%.2fx", result.opsPerSec() / node) : "";
			String target = (node != null && factor != null)
					? String.format(Locale.ROOT, ">= %.1fx %s", factor, verdict(result.opsPerSec() >= node * factor))
					: "";
			out.printf(Locale.ROOT, "%-19s %10s  %-28s %12s %7s  %s%n", benchmark.id(), count(result.opsPerSec()),
					iterations(result.opsPerSecByIteration()), (node != null) ? count(node) : "-", ratio, target);
		}
		BenchmarkResult latency = find(Benchmark.LATENCY);
		if (latency != null) {
			Double p99 = latency.latencyMs(99);
			out.printf(Locale.ROOT,
					"%nlatency ms          p50 %.3f  p95 %.3f  p99 %.3f   (taskora Node: 0.21 / 0.47 / 1.56)  p99 <= %.0f ms %s%n",
					latency.latencyMs(50), latency.latencyMs(95), p99, TARGET_P99_MS,
					verdict(p99 != null && p99 <= TARGET_P99_MS));
		}
		for (Benchmark benchmark : List.of(Benchmark.ENQUEUE_SINGLE, Benchmark.ENQUEUE_BULK)) {
			BenchmarkResult result = find(benchmark);
			if (result != null && result.bytesPerJob() != null) {
				out.printf(Locale.ROOT, "bytes per job       %-15s %.0f B   (taskora Node: ~360 B)%n", benchmark.id(),
						result.bytesPerJob());
			}
		}
		if (this.floor != null) {
			out.printf(Locale.ROOT,
					"client floor        %s synchronous PINGs/s through Lettuce alone, p50 %.3f  p99 %.3f ms%n",
					count(this.floor.roundTripsPerSec()), this.floor.p50Ms(), this.floor.p99Ms());
		}
		out.println();
		out.println("per job (median)    JVM CPU us  Redis CPU us  Redis cmd us   JVM cores  Redis cores  other cores");
		for (BenchmarkResult result : this.results) {
			out.printf(Locale.ROOT, "%-19s %10s %13.1f %13.1f %11s %12.2f %12s%n", result.benchmark().id(),
					format(result.clientCpuMicrosPerJob(), "%.1f"), result.serverCpuMicrosPerJob(),
					result.commandMicrosPerJob(), format(result.clientCpuShare(), "%.2f"), result.serverCpuShare(),
					format(result.otherCpuShare(), "%.2f"));
		}
	}

	private @Nullable BenchmarkResult find(Benchmark benchmark) {
		return this.results.stream().filter(result -> result.benchmark() == benchmark).findFirst().orElse(null);
	}

	private static String verdict(boolean met) {
		return met ? "met" : "MISSED";
	}

	private static String count(double value) {
		return String.format(Locale.ROOT, "%,d", Math.round(value));
	}

	private static String iterations(double[] values) {
		StringBuilder text = new StringBuilder();
		for (double value : values) {
			text.append((text.length() > 0) ? " / " : "").append(count(value));
		}
		return text.toString();
	}

	private static String format(@Nullable Double value, String pattern) {
		return (value != null) ? String.format(Locale.ROOT, pattern, value) : "-";
	}

	private static @Nullable Double round3(@Nullable Double value) {
		return (value != null) ? Math.round(value * 1000) / 1000.0 : null;
	}

}
