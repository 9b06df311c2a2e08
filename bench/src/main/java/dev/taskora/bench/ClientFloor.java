package dev.taskora.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The client's floor ({@code --floor}): synchronous {@code PING}s through a Lettuce
 * connection of its own, no engine involved, counted and timed like enqueue-single. A
 * dispatch awaited before the next (enqueue-single) and a job at concurrency 1
 * (process-single) each wait for at least one such round trip, so no engine on this
 * client runs them faster; a latency sample holds at least one too. Measured in the same
 * JVM after the suite, with the same transport, it bounds what the suite's figures can
 * reach on the machine it runs on.
 */
final class ClientFloor {

	private ClientFloor() {
	}

	/**
	 * Measures {@code warmup} round trips untimed, then {@code iterations} timed rounds
	 * of {@code calls} round trips each.
	 */
	static Result measure(String redisUrl, int warmup, int iterations, int calls, PrintStream progress) {
		progress.printf(Locale.ROOT, "client floor: warmup (%,d round trips)", warmup);
		RedisClient client = RedisClient.create(redisUrl);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommands<String, String> commands = connection.sync();
			for (int i = 0; i < warmup; i++) {
				commands.ping();
			}
			double[] rates = new double[iterations];
			long[] samples = new long[iterations * calls];
			for (int round = 0; round < iterations; round++) {
				long start = System.nanoTime();
				long previous = start;
				for (int i = 0; i < calls; i++) {
					commands.ping();
					long now = System.nanoTime();
					samples[round * calls + i] = now - previous;
					previous = now;
				}
				rates[round] = Stats.opsPerSec(calls, previous - start);
				progress.printf(Locale.ROOT, ", %,d round trips/s", Math.round(rates[round]));
			}
			progress.println();
			Arrays.sort(samples);
			return new Result(Stats.median(rates), Stats.percentile(samples, 50) / 1e6,
					Stats.percentile(samples, 99) / 1e6);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	/**
	 * What the floor measured.
	 *
	 * @param roundTripsPerSec median over the timed rounds
	 * @param p50Ms median round trip over all rounds, in milliseconds
	 * @param p99Ms 99th percentile round trip over all rounds, in milliseconds
	 */
	record Result(double roundTripsPerSec, double p50Ms, double p99Ms) {
	}

}
