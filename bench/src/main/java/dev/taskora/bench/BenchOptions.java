package dev.taskora.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The command line.
 *
 * @param redisUrl the Redis to run against ({@code --redis-url}, else {@code REDIS_URL})
 * @param json whether to print one JSON object instead of the table
 * @param iterations timed iterations per benchmark (taskora: 3); the median counts
 * @param benchmarks the benchmarks to run, in the suite's order
 * @param force whether to run on a database holding keys the suite did not write
 * @param warmupJobs jobs of every warmup pass, or 0 for taskora's per-benchmark counts
 * @param virtualThreads whether handlers run on virtual threads (Java 21+) instead of the
 * default pool
 * @param nonBlocking whether the processing tasks are non-blocking: their handlers run on
 * Lettuce's event loop, as Node taskora's run on its event loop
 * @param epoll whether Lettuce runs on Netty's native epoll transport (Linux x86-64; the
 * jar carries it) instead of its default, NIO
 * @param floor whether to measure the client's floor after the suite (see
 * {@link ClientFloor})
 */
record BenchOptions(String redisUrl, boolean json, int iterations, List<Benchmark> benchmarks, boolean force,
		int warmupJobs, boolean virtualThreads, boolean nonBlocking, boolean epoll, boolean floor) {

	static final String USAGE = """
			Usage: java -jar taskora-bench.jar --redis-url redis://127.0.0.1:6380 [options]

			Runs taskora's benchmarks against the given Redis. The database is FLUSHED between
			iterations: the suite refuses one that holds keys it did not write unless --force.

			  --redis-url URL      Redis to benchmark (default: $REDIS_URL)
			  --benchmarks a,b     any of %s (default: all)
			  --iterations N       timed iterations per benchmark, median reported (default: 3)
			  --warmup N           jobs in each benchmark's warmup pass (default: taskora's,
			                       100 to 500; a JVM needs more to reach its steady state)
			  --virtual-threads    run handlers on virtual threads (Java 21 or later)
			  --non-blocking       the processing tasks are non-blocking: handlers run on
			                       Lettuce's event loop, where their jobs arrive, as Node
			                       taskora's run on its event loop
			  --epoll              Lettuce on Netty's native epoll transport (Linux x86-64)
			                       instead of NIO, as an application that adds
			                       netty-transport-native-epoll runs
			  --floor              after the suite, time synchronous PINGs through Lettuce
			                       alone: the round trip a dispatch awaited one at a time
			                       cannot beat on this machine
			  --json               print one JSON object instead of the table
			  --force              flush a database that holds foreign keys anyway
			  --help               this text
			""".formatted(Benchmark.ids());

	BenchOptions {
		if (iterations < 1) {
			throw new IllegalArgumentException("--iterations must be at least 1, was " + iterations);
		}
		if (benchmarks.isEmpty()) {
			throw new IllegalArgumentException("--benchmarks must name at least one benchmark");
		}
		if (warmupJobs < 0) {
			throw new IllegalArgumentException("--warmup must not be negative, was " + warmupJobs);
		}
		benchmarks = List.copyOf(benchmarks);
	}

	/** Jobs of the benchmark's warmup pass. */
	int warmupJobs(Benchmark benchmark) {
		return (this.warmupJobs > 0) ? this.warmupJobs : benchmark.warmupJobs();
	}

	/**
	 * Parses the arguments.
	 * @param env the environment ({@code REDIS_URL} is the fallback URL)
	 * @return the options, or {@code null} when {@code --help} was asked for
	 * @throws IllegalArgumentException naming the bad argument
	 */
	static @Nullable BenchOptions parse(String[] args, Map<String, String> env) {
		String url = env.get("REDIS_URL");
		boolean json = false;
		boolean force = false;
		boolean virtualThreads = false;
		boolean nonBlocking = false;
		boolean epoll = false;
		boolean floor = false;
		int iterations = 3;
		int warmup = 0;
		Set<Benchmark> selected = EnumSet.allOf(Benchmark.class);
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--help", "-h" -> {
					return null;
				}
				case "--json" -> json = true;
				case "--force" -> force = true;
				case "--virtual-threads" -> virtualThreads = true;
				case "--non-blocking" -> nonBlocking = true;
				case "--epoll" -> epoll = true;
				case "--floor" -> floor = true;
				case "--redis-url" -> url = value(args, ++i, arg);
				case "--iterations" -> iterations = number(value(args, ++i, arg), arg);
				case "--benchmarks" -> selected = benchmarks(value(args, ++i, arg));
				case "--warmup" -> warmup = number(value(args, ++i, arg), arg);
				default -> throw new IllegalArgumentException("Unknown argument '" + arg + "'");
			}
		}
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException("--redis-url is required (or set REDIS_URL)");
		}
		return new BenchOptions(url, json, iterations, new ArrayList<>(selected), force, warmup, virtualThreads,
				nonBlocking, epoll, floor);
	}

	private static String value(String[] args, int index, String name) {
		if (index >= args.length || args[index].startsWith("--")) {
			throw new IllegalArgumentException(name + " needs a value");
		}
		return args[index];
	}

	private static int number(String text, String name) {
		try {
			return Integer.parseInt(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'");
		}
	}

	private static Set<Benchmark> benchmarks(String list) {
		Set<Benchmark> selected = EnumSet.noneOf(Benchmark.class);
		for (String id : list.split(",")) {
			if (!id.isBlank()) {
				selected.add(Benchmark.of(id.trim()));
			}
		}
		return selected;
	}

}
