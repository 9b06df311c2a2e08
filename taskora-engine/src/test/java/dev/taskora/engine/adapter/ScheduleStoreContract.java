package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.taskora.engine.Taskora;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link ScheduleStore} facet: schedules created once, compare-and-set replaces,
 * pause and resume, claims of due schedules under a lease, and the leader lock. Times are
 * passed in, except the leader lock's expiry, which runs on the store's own time.
 */
public abstract class ScheduleStoreContract extends AdapterContract {

	private static final String CONFIG = "{\"task\":\"t\",\"overlap\":false,\"onMissed\":\"skip\",\"every\":1000}";

	protected ScheduleStoreContract(AdapterFactory factory) {
		super(factory);
	}

	/** The schedule store of a fresh, connected adapter on the system clock. */
	private ScheduleStore store() {
		Taskora app = live();
		app.connect();
		return adapter(app).schedules();
	}

	private static String config(String task) {
		return CONFIG.replace("\"t\"", "\"" + task + "\"");
	}

	@Test
	void createStoresAScheduleOnceWithItsNextRun() {
		ScheduleStore store = store();
		assertThat(store.create("a", CONFIG, 5_000).join()).isTrue();
		assertThat(store.create("a", config("other"), 9_000).join()).isFalse();
		assertThat(store.get("a").join()).isEqualTo(new StoredSchedule("a", CONFIG, 5_000L));
		assertThat(store.get("missing").join()).isNull();
		store.create("b", config("b"), 7_000).join();
		assertThat(store.list().join()).containsExactlyInAnyOrder(new StoredSchedule("a", CONFIG, 5_000L),
				new StoredSchedule("b", config("b"), 7_000L));
	}

	@Test
	void replaceIsACompareAndSetOnTheConfig() {
		ScheduleStore store = store();
		store.create("a", CONFIG, 5_000).join();
		assertThat(store.replace("a", config("stale"), config("x"), 9_000L).join()).isFalse();
		assertThat(store.get("a").join()).isEqualTo(new StoredSchedule("a", CONFIG, 5_000L));

		assertThat(store.replace("a", CONFIG, config("x"), null).join()).isTrue();
		assertThat(store.get("a").join()).as("no next run given: it stays")
			.isEqualTo(new StoredSchedule("a", config("x"), 5_000L));
		assertThat(store.replace("a", config("x"), config("y"), 8_000L).join()).isTrue();
		assertThat(store.get("a").join()).isEqualTo(new StoredSchedule("a", config("y"), 8_000L));
	}

	@Test
	void replaceLeavesAPausedSchedulePausedAndNeverBringsBackARemovedOne() {
		ScheduleStore store = store();
		store.create("a", CONFIG, 5_000).join();
		assertThat(store.pause("a").join()).isTrue();
		assertThat(store.replace("a", CONFIG, config("x"), 9_000L).join()).isTrue();
		assertThat(store.get("a").join()).isEqualTo(new StoredSchedule("a", config("x"), null));

		assertThat(store.remove("a").join()).isTrue();
		assertThat(store.replace("a", config("x"), config("y"), 9_000L).join()).isFalse();
		assertThat(store.get("a").join()).isNull();
		assertThat(store.list().join()).isEmpty();
	}

	@Test
	void pauseAndResumeMoveAScheduleOffAndOntoTheNextRuns() {
		ScheduleStore store = store();
		store.create("a", CONFIG, 5_000).join();
		assertThat(store.pause("a").join()).isTrue();
		assertThat(store.pause("a").join()).as("pausing twice").isTrue();
		assertThat(store.get("a").join().paused()).isTrue();
		assertThat(store.claimDue(Long.MAX_VALUE / 2, 1).join()).as("a paused schedule is never due").isEmpty();

		assertThat(store.resume("a", 6_000).join()).isTrue();
		assertThat(store.resume("a", 9_000).join()).as("resuming a running schedule keeps its next run").isTrue();
		assertThat(store.get("a").join().nextRun()).isEqualTo(6_000L);

		assertThat(store.pause("ghost").join()).isFalse();
		assertThat(store.resume("ghost", 1).join()).isFalse();
		assertThat(store.get("ghost").join()).as("resume never creates").isNull();
		assertThat(store.remove("ghost").join()).isFalse();
	}

	@Test
	void claimDueHandsOutEachDueScheduleOnceUntilItsLeaseEnds() {
		ScheduleStore store = store();
		store.create("early", config("e"), 1_000).join();
		store.create("due", config("d"), 2_000).join();
		store.create("later", config("l"), 9_000).join();

		List<StoredSchedule> claimed = store.claimDue(2_000, 30_000).join();
		assertThat(claimed).containsExactly(new StoredSchedule("early", config("e"), 1_000L),
				new StoredSchedule("due", config("d"), 2_000L));
		assertThat(store.claimDue(2_500, 30_500).join()).as("held by the lease").isEmpty();
		assertThat(store.get("due").join().nextRun()).isEqualTo(30_000L);

		// the claimer recorded one run; the other it never recorded (it died): due again
		// at the lease end
		store.replace("early", config("e"), config("e2"), 3_000L).join();
		assertThat(store.claimDue(29_999, 60_000).join()).extracting(StoredSchedule::name)
			.containsExactly("early", "later");
		assertThat(store.claimDue(30_000, 60_000).join())
			.containsExactly(new StoredSchedule("due", config("d"), 30_000L));
	}

	@Test
	void oneTokenHoldsTheLeaderLockRenewsItAndOnlyItReleasesIt() {
		ScheduleStore store = store();
		String first = UUID.randomUUID().toString();
		String second = UUID.randomUUID().toString();
		assertThat(store.acquireLeadership(first, 30_000).join()).isTrue();
		assertThat(store.acquireLeadership(second, 30_000).join()).isFalse();
		assertThat(store.acquireLeadership(first, 30_000).join()).as("renewed").isTrue();

		store.releaseLeadership(second).join();
		assertThat(store.acquireLeadership(second, 30_000).join()).as("not released by another token").isFalse();
		store.releaseLeadership(first).join();
		assertThat(store.acquireLeadership(second, 30_000).join()).isTrue();
		assertThat(store.acquireLeadership(first, 30_000).join()).isFalse();
	}

	@Test
	void aLeaderLockThatIsNotRenewedExpiresAndAnotherTokenTakesOver() {
		ScheduleStore store = store();
		String dead = UUID.randomUUID().toString();
		String follower = UUID.randomUUID().toString();
		assertThat(store.acquireLeadership(dead, 300).join()).isTrue();
		assertThat(store.acquireLeadership(follower, 300).join()).isFalse();
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> store.acquireLeadership(follower, 30_000).join());
		assertThat(store.acquireLeadership(dead, 300).join()).isFalse();
	}

}
