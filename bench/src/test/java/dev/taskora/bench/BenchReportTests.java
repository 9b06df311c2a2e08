package dev.taskora.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTests {

	private static final Map<String, String> VERSIONS = Map.of("taskora-java", "0.1.0", "redis", "7.0.15");

	@Test
	void jsonHasTaskorasShapeWithMediansPercentilesAndBytesPerJob() {
		BenchReport report = new BenchReport(VERSIONS,
				List.of(result(Benchmark.ENQUEUE_BULK, 10_000, 3_600_000, null, 100_000_000, 200_000_000, 400_000_000),
						result(Benchmark.LATENCY, 100, -1, latencies(), 10_000_000, 20_000_000, 30_000_000)),
				null);
		JsonNode json = JsonMapper.builder().build().readTree(report.json());
		assertThat(json.get("library").asString()).isEqualTo("taskora-java");
		assertThat(json.get("versions").get("redis").asString()).isEqualTo("7.0.15");
		JsonNode ops = json.get("opsPerSec");
		assertThat(ops.propertyNames()).containsExactly("enqueue-single", "enqueue-bulk", "process-single",
				"process-concurrent", "latency");
		assertThat(ops.get("enqueue-bulk").asLong()).isEqualTo(50_000); // 10,000 jobs
																		// over the median
																		// 200 ms
		assertThat(ops.get("latency").asLong()).isEqualTo(5_000);
		assertThat(ops.get("enqueue-single").isNull()).isTrue();
		assertThat(json.get("latencyMs").get("p50").asDouble()).isEqualTo(0.5);
		assertThat(json.get("latencyMs").get("p99").asDouble()).isEqualTo(0.99);
		assertThat(json.get("bytesPerJob").asLong()).isEqualTo(360);
		JsonNode bulk = json.get("perJob").get("enqueue-bulk");
		assertThat(bulk.get("jvmCpuUs").asDouble()).isEqualTo(20.0); // 200 ms of CPU over
																		// 10,000 jobs
		assertThat(bulk.get("redisCpuUs").asDouble()).isEqualTo(10.0);
		assertThat(json.get("perJob").has("latency")).isTrue();
		assertThat(json.get("floor").isNull()).isTrue();
	}

	@Test
	void reportsTheClientFloorWhenMeasured() {
		BenchReport report = new BenchReport(VERSIONS,
				List.of(result(Benchmark.ENQUEUE_SINGLE, 1_000, 360_000, null, 200_000_000)),
				new ClientFloor.Result(8_123.4, 0.1204, 0.4567));
		JsonNode floor = JsonMapper.builder().build().readTree(report.json()).get("floor");
		assertThat(floor.get("roundTripsPerSec").asLong()).isEqualTo(8_123);
		assertThat(floor.get("p50Ms").asDouble()).isEqualTo(0.12);
		assertThat(floor.get("p99Ms").asDouble()).isEqualTo(0.457);
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		report.printTable(new PrintStream(buffer, true, StandardCharsets.UTF_8));
		assertThat(buffer.toString(StandardCharsets.UTF_8))
			.contains("client floor        8,123 synchronous PINGs/s through Lettuce alone, p50 0.120  p99 0.457 ms");
	}

	@Test
	void tableShowsEachBenchmarkNextToTaskorasFigureAndTheTarget() {
		BenchReport report = new BenchReport(VERSIONS,
				List.of(result(Benchmark.PROCESS_CONCURRENT, 10_000, -1, null, 100_000_000, 150_000_000, 200_000_000)),
				null);
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		report.printTable(new PrintStream(buffer, true, StandardCharsets.UTF_8));
		String table = buffer.toString(StandardCharsets.UTF_8);
		assertThat(table).contains("process-concurrent")
			.contains("66,667")
			.contains("29,000")
			.contains("2.30x")
			.contains(">= 2.0x met");
	}

	/**
	 * Three iterations of the given durations; every iteration gets the same latencies.
	 */
	private static BenchmarkResult result(Benchmark benchmark, int jobs, long memoryDelta, long[] latencies,
			long... nanos) {
		List<Measurement> iterations = java.util.Arrays.stream(nanos)
			.mapToObj(n -> new Measurement(jobs, n, n, n / 2_000, n / 4_000, 2 * n, memoryDelta, latencies))
			.toList();
		return new BenchmarkResult(benchmark, iterations);
	}

	/** 0.01 ms .. 1.00 ms. */
	private static long[] latencies() {
		long[] samples = new long[100];
		for (int i = 0; i < samples.length; i++) {
			samples[i] = (i + 1) * 10_000L;
		}
		return samples;
	}

}
