package dev.taskora.samples.quickstart;

import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTest;
import dev.taskora.spring.boot.test.autoconfigure.TestAdapter;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ConsumerTests} against a real Redis (the redis profile's
 * {@code taskora.redis.url}), in real time. The tests that move the virtual clock, or
 * read the memory adapter's jobs, are memory only.
 */
@TaskoraTest(adapter = TestAdapter.REDIS)
class ConsumerRedisTests extends ConsumerTests {

	private static final String VIRTUAL_TIME = "moves the virtual clock or reads the memory adapter: memory only";

	private static final String PREFIX = RedisTestServer.uniquePrefix();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("taskora.redis.url", () -> RedisTestServer.get().url());
		registry.add("taskora.prefix", () -> PREFIX);
	}

	@Test
	@Override
	@Disabled(VIRTUAL_TIME)
	void emailIsRetriedAfterADroppedConnectionWithBackoffInVirtualTime() {
	}

	@Test
	@Override
	@Disabled(VIRTUAL_TIME)
	void theCardNumberNeverEntersTheJob() {
	}

	@Test
	@Override
	@Disabled(VIRTUAL_TIME)
	void aSecondReportForTheSameUserIsTheFirstOneWhileThatIsOnItsWay() {
	}

	@Test
	@Override
	@Disabled(VIRTUAL_TIME)
	void emailsToOneRecipientAreThrottledAndTheWindowPassesInVirtualTime() {
	}

	@Test
	@Override
	@Disabled(VIRTUAL_TIME)
	void aDelayedEmailWaitsForItsTime() {
	}

	@Test
	@Override
	@Disabled(VIRTUAL_TIME)
	void theNightlyCleanupRunsAtThreeAndDeletesReportsOlderThanAWeek() {
	}

}
