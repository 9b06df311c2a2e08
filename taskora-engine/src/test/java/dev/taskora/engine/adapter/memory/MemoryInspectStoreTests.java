package dev.taskora.engine.adapter.memory;

import java.util.List;
import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.NewJob;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The memory adapter's reads. */
class MemoryInspectStoreTests extends MemoryAdapterTestSupport {

	@Nested
	class Reads {

		@Test
		void storesProgressAsGivenAndEmitsIt() {
			recordEvents();
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			claim();

			adapter.jobs().setProgress(TASK, "j1", "42").join();
			adapter.jobs().setProgress(TASK, "j1", "{\"step\":2}").join();

			assertThat(find("j1").progress()).isEqualTo("{\"step\":2}");
			awaitEvents(4);
			assertThat(events.subList(2, 4)).extracting((e) -> e.field("value")).containsExactly("42", "{\"step\":2}");
			assertThat(types()).containsExactly("waiting j1", "active j1", "progress j1", "progress j1");
		}

		@Test
		void keepsTheNewestTenThousandLogEntries() {
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			for (int i = 0; i < 10_005; i++) {
				adapter.jobs().appendLog(TASK, "j1", "{\"message\":\"" + i + "\"}").join();
			}

			List<String> logs = adapter.inspect().logs(TASK, "j1").join();

			assertThat(logs).hasSize(10_000);
			assertThat(logs.get(0)).isEqualTo("{\"message\":\"5\"}");
			assertThat(logs.get(9_999)).isEqualTo("{\"message\":\"10004\"}");
			assertThat(adapter.inspect().logs(TASK, "missing").join()).isEmpty();
		}

		@Test
		void countsEveryState() {
			assertThat(adapter.inspect().countByState("unknown").join()).hasSize(JobState.values().length)
				.allSatisfy((state, count) -> assertThat(count).isZero());

			// The first claim reaches the expired job before it takes "active".
			adapter.jobs().enqueue(TASK, withTtl("expired", START, START)).join();
			adapter.jobs().enqueue(TASK, job("active", START)).join();
			adapter.jobs().enqueue(TASK, job("failed", START)).join();
			adapter.jobs().enqueue(TASK, job("completed", START)).join();
			adapter.jobs().enqueue(TASK, job("retrying", START)).join();
			adapter.jobs().enqueue(TASK, NewJob.of("delayed", "1", START, 1, 0, 1, 1_000)).join();
			adapter.jobs().enqueue(TASK, NewJob.of("cancelled", "1", START, 1, 0, 1, 1_000)).join();
			adapter.jobs().cancel(TASK, "cancelled", null, now()).join();
			claim();
			fail(claim(), "x", JobFailure.PERMANENT);
			ack(claim(), "1");
			fail(claim(), "x", 5_000);
			adapter.jobs().enqueue(TASK, job("waiting", START)).join();
			adapter.jobs().enqueue(TASK, prioritized("waiting-p", START, 2)).join();

			assertThat(counts()).containsExactlyInAnyOrderEntriesOf(
					Map.of(JobState.WAITING, 2L, JobState.ACTIVE, 1L, JobState.DELAYED, 2L, JobState.COMPLETED, 1L,
							JobState.FAILED, 1L, JobState.RETRYING, 0L, JobState.CANCELLED, 1L, JobState.EXPIRED, 1L));
		}

		@Test
		void nextDelayedAtIsTheEarliestDelayedOrRetryingJob() {
			assertThat(adapter.inspect().nextDelayedAt(TASK).join()).isNull();
			adapter.jobs().enqueue(TASK, NewJob.of("later", "1", START, 1, 0, 1, 9_000)).join();
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			fail(claim(), "x", 3_000);

			assertThat(adapter.inspect().nextDelayedAt(TASK).join()).isEqualTo(START + 3_000);
		}

		@Test
		void listsEveryStoredJobAndClearsThemAll() {
			adapter.jobs().enqueue(TASK, job("a", START)).join();
			adapter.jobs().enqueue("other", job("b", START)).join();
			assertThat(adapter.storedJobs()).extracting(JobRecord::id).containsExactlyInAnyOrder("a", "b");

			adapter.clear();

			assertThat(adapter.storedJobs()).isEmpty();
			assertThat(claim()).isNull();
			assertThat(counts().values()).allMatch((count) -> count == 0);
		}

	}

}
