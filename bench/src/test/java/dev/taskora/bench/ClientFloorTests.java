package dev.taskora.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.taskora.engine.adapter.redis.RedisTestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientFloorTests {

	@Test
	void timesSynchronousRoundTripsOnARealRedisAndReportsEachRound() {
		ByteArrayOutputStream progress = new ByteArrayOutputStream();
		ClientFloor.Result floor = ClientFloor.measure(RedisTestServer.get().url(), 20, 3, 50,
				new PrintStream(progress, true, StandardCharsets.UTF_8));
		assertThat(floor.roundTripsPerSec()).isPositive();
		assertThat(floor.p50Ms()).isPositive().isLessThanOrEqualTo(floor.p99Ms());
		assertThat(progress.toString(StandardCharsets.UTF_8)).startsWith("client floor: warmup (20 round trips)")
			.containsPattern("(, [0-9,]+ round trips/s){3}");
	}

}
