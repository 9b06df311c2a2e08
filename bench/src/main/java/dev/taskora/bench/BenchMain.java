package dev.taskora.bench;

import java.io.PrintStream;
import java.util.List;

import io.lettuce.core.resource.EpollProvider;
import org.jspecify.annotations.Nullable;

/**
 * {@code java -jar taskora-bench.jar --redis-url redis://127.0.0.1:6380 [--json] [--iterations N]
 * [--benchmarks a,b] [--force]}: runs the suite and prints the report on stdout; progress
 * goes to stderr, so {@code --json} output can be piped as is.
 * <p>
 * Exit codes: 0 done, 1 a benchmark failed, 2 bad arguments, 3 the database holds foreign
 * keys.
 */
public final class BenchMain {

	/** Lettuce's switch for its native epoll transport. */
	private static final String EPOLL_PROPERTY = "io.lettuce.core.epoll";

	private BenchMain() {
	}

	public static void main(String[] args) {
		// before the first logger exists: the engine and Netty only speak up for problems
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
				System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
		System.exit(run(args, System.out, System.err));
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		BenchOptions options;
		try {
			options = BenchOptions.parse(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.print(BenchOptions.USAGE);
			return 2;
		}
		if (options == null) {
			out.print(BenchOptions.USAGE);
			return 0;
		}
		if (options.virtualThreads() && Runtime.version().feature() < 21) {
			err.println("--virtual-threads needs Java 21 or later; this is Java " + Runtime.version());
			return 2;
		}
		// read once, when Lettuce first loads its transports: nothing has touched it yet
		System.setProperty(EPOLL_PROPERTY, Boolean.toString(options.epoll()));
		if (options.epoll() && !EpollProvider.isAvailable()) {
			err.println("--epoll needs Linux on x86-64 (Netty's native epoll transport could not load)");
			return 2;
		}
		try (BenchStore store = BenchStore.open(options.redisUrl())) {
			if (!options.force()) {
				List<String> foreign = store.foreignKeys(5);
				if (!foreign.isEmpty()) {
					err.println("Refusing to run: the database at " + redact(options.redisUrl()) + " holds "
							+ store.keyCount() + " key(s), some not written by this suite (for example " + foreign
							+ "), and the suite runs FLUSHDB. Point it at an empty database, or pass --force.");
					return 3;
				}
			}
			String redisVersion = store.serverVersion();
			List<BenchmarkResult> results = new BenchRunner(options, store, err).run();
			ClientFloor.@Nullable Result floor = options.floor()
					? ClientFloor.measure(options.redisUrl(), options.warmupJobs(Benchmark.ENQUEUE_SINGLE),
							options.iterations(), Benchmark.ENQUEUE_SINGLE.jobs(), err)
					: null;
			BenchReport report = new BenchReport(Versions.of(redisVersion, options), results, floor);
			if (options.json()) {
				out.println(report.json());
			}
			else {
				report.printTable(out);
			}
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			err.println("Interrupted");
			return 1;
		}
		catch (RuntimeException ex) {
			err.println("Benchmark failed: " + ex);
			ex.printStackTrace(err);
			return 1;
		}
	}

	/** The URL without its password. */
	static String redact(String url) {
		return url.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@");
	}

}
