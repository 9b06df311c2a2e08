package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import io.lettuce.core.KillArgs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker whose every Redis connection is killed in the middle of a job still finishes
 * it once.
 */
class RedisWorkerResilienceIntegrationTests extends RedisIntegrationTestSupport {

	@Test
	void aJobCompletesExactlyOnceWhenTheWorkersConnectionsAreKilledMidJob() throws Exception {
		Taskora app = Taskora.builder().adapter(this.adapter).build();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		Task<String, String> task = app.task(task(), String.class, String.class).handler((data, ctx) -> {
			runs.incrementAndGet();
			started.countDown();
			release.await();
			return data + " done";
		});
		try {
			app.start();
			ResultHandle<String> handle = task.dispatch("import");
			assertThat(handle.enqueued().join()).isTrue();
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

			long killed = 0;
			for (long clientId : raw.clientIds(this.adapter.instanceName())) {
				raw.commands().clientKill(KillArgs.Builder.id(clientId));
				killed++;
			}
			assertThat(killed).as("connections killed").isGreaterThanOrEqualTo(2);
			release.countDown();

			assertThat(handle.await(WAIT)).isEqualTo("import done");
			assertThat(handle.state()).isEqualTo(JobState.COMPLETED);
			assertThat(task.dispatch("next").await(WAIT)).isEqualTo("next done");
			assertThat(runs).hasValue(2);
			assertThat(raw.commands().zcard(keys(task.name()).completed())).isEqualTo(2);
		}
		finally {
			app.close(Duration.ofSeconds(5));
		}
	}

}
