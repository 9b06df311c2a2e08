package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.NewJob;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up of the Redis integration tests: a connected adapter with a key prefix of
 * its own per test, raw Redis access to check what it wrote, and small builders for SPI
 * values.
 */
abstract class RedisIntegrationTestSupport {

	static final Duration WAIT = Duration.ofSeconds(10);

	static RedisTestServer server;

	static RawRedis raw;

	private final List<RedisAdapter> adapters = new ArrayList<>();

	RedisAdapter adapter;

	String prefix;

	@BeforeAll
	static void openRawConnection() {
		server = RedisTestServer.get();
		raw = new RawRedis(server.url());
	}

	@AfterAll
	static void closeRawConnection() {
		raw.close();
	}

	@BeforeEach
	void connectAdapter() {
		this.prefix = RedisTestServer.uniquePrefix();
		this.adapter = connected(server.options().prefix(this.prefix).build());
	}

	@AfterEach
	void disconnectAdapters() {
		for (RedisAdapter each : this.adapters) {
			each.disconnect().join();
		}
	}

	/** A connected adapter, disconnected after the test. */
	RedisAdapter connected(RedisAdapterOptions options) {
		RedisAdapter created = RedisAdapter.create(options);
		this.adapters.add(created);
		created.connect().join();
		return created;
	}

	/** The adapter, to be disconnected after the test, without connecting it. */
	RedisAdapter track(RedisAdapter created) {
		this.adapters.add(created);
		return created;
	}

	/** The wire keys of a task under this test's prefix. */
	RedisKeys.Task keys(String task) {
		return new RedisKeys(this.prefix).task(task);
	}

	/** The task's stream entries, oldest first. */
	List<StreamMessage<String, String>> events(String task) {
		return raw.commands().xrange(keys(task).events(), Range.create("-", "+"));
	}

	/** The task's stream entries as {event, jobId, extra...} bodies. */
	List<Map<String, String>> eventBodies(String task) {
		return events(task).stream().map(StreamMessage::getBody).toList();
	}

	Double markerScore(String task) {
		return raw.commands().zscore(keys(task).marker(), "0");
	}

	static String task() {
		return "t-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static String id() {
		return UUID.randomUUID().toString();
	}

	static long now() {
		return System.currentTimeMillis();
	}

	static NewJob job(String data) {
		return NewJob.of(id(), data, now(), 1, 0, 1, 0);
	}

	static NewJob job(String data, int priority, long delayMs) {
		return NewJob.of(id(), data, now(), 1, priority, 3, delayMs);
	}

	static ClaimRequest claimRequest() {
		return new ClaimRequest(id(), 30_000, now(), false, false);
	}

	static ClaimRequest claimRequest(long lockTtlMs) {
		return new ClaimRequest(id(), lockTtlMs, now(), false, false);
	}

	/** Enqueues one job and claims it. */
	ClaimedJob enqueueAndClaim(String task, String data) {
		this.adapter.jobs().enqueue(task, job(data)).join();
		return this.adapter.jobs().claim(task, claimRequest()).join();
	}

}
