package dev.taskora.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTests {

	private static final Map<String, String> NO_ENV = Map.of();

	@Test
	void runsEveryBenchmarkThreeTimesByDefault() {
		BenchOptions options = BenchOptions.parse(new String[] { "--redis-url", "redis://127.0.0.1:6380" }, NO_ENV);
		assertThat(options).isNotNull();
		assertThat(options.redisUrl()).isEqualTo("redis://127.0.0.1:6380");
		assertThat(options.iterations()).isEqualTo(3);
		assertThat(options.benchmarks()).containsExactly(Benchmark.values());
		assertThat(options.json()).isFalse();
		assertThat(options.force()).isFalse();
		assertThat(options.virtualThreads()).isFalse();
		assertThat(options.nonBlocking()).isFalse();
		assertThat(options.epoll()).isFalse();
		assertThat(options.floor()).isFalse();
		assertThat(options.warmupJobs(Benchmark.ENQUEUE_SINGLE)).isEqualTo(500);
		assertThat(options.warmupJobs(Benchmark.LATENCY)).isEqualTo(100);
	}

	@Test
	void warmupOverridesTaskorasWarmupCountsForEveryBenchmark() {
		BenchOptions options = BenchOptions.parse(new String[] { "--redis-url", "redis://h:1", "--warmup", "20000" },
				NO_ENV);
		assertThat(options).isNotNull();
		assertThat(options.warmupJobs(Benchmark.ENQUEUE_SINGLE)).isEqualTo(20_000);
		assertThat(options.warmupJobs(Benchmark.PROCESS_CONCURRENT)).isEqualTo(20_000);
	}

	@Test
	void keepsTheSuitesOrderWhateverTheOrderOfTheList() {
		BenchOptions options = BenchOptions.parse(
				new String[] { "--redis-url", "redis://h:1", "--benchmarks", "latency, enqueue-bulk", "--iterations",
						"5", "--json", "--force", "--virtual-threads", "--non-blocking", "--epoll", "--floor" },
				NO_ENV);
		assertThat(options).isNotNull();
		assertThat(options.benchmarks()).containsExactly(Benchmark.ENQUEUE_BULK, Benchmark.LATENCY);
		assertThat(options.iterations()).isEqualTo(5);
		assertThat(options.json()).isTrue();
		assertThat(options.force()).isTrue();
		assertThat(options.virtualThreads()).isTrue();
		assertThat(options.nonBlocking()).isTrue();
		assertThat(options.epoll()).isTrue();
		assertThat(options.floor()).isTrue();
	}

	@Test
	void fallsBackToRedisUrlFromTheEnvironment() {
		BenchOptions options = BenchOptions.parse(new String[0], Map.of("REDIS_URL", "redis://env:6381"));
		assertThat(options).isNotNull();
		assertThat(options.redisUrl()).isEqualTo("redis://env:6381");
	}

	@Test
	void returnsNoOptionsForHelp() {
		assertThat(BenchOptions.parse(new String[] { "--help" }, NO_ENV)).isNull();
	}

	@Test
	void rejectsBadArgumentsNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[0], NO_ENV))
			.withMessageContaining("--redis-url");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--redis-url", "redis://h:1", "--benchmarks", "bogus" },
					NO_ENV))
			.withMessageContaining("'bogus'")
			.withMessageContaining("enqueue-single");
		assertThatIllegalArgumentException().isThrownBy(
				() -> BenchOptions.parse(new String[] { "--redis-url", "redis://h:1", "--iterations", "0" }, NO_ENV))
			.withMessageContaining("--iterations")
			.withMessageContaining("0");
		assertThatIllegalArgumentException().isThrownBy(
				() -> BenchOptions.parse(new String[] { "--redis-url", "redis://h:1", "--iterations", "x" }, NO_ENV))
			.withMessageContaining("'x'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--redis-url", "--json" }, NO_ENV))
			.withMessageContaining("--redis-url needs a value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--redis-url", "redis://h:1", "--fast" }, NO_ENV))
			.withMessageContaining("'--fast'");
	}

}
