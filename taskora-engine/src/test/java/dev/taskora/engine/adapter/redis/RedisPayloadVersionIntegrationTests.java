package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.contract.MigrationStep;
import dev.taskora.engine.contract.TaskContract;
import io.lettuce.core.KeyValue;
import io.lettuce.core.XAddArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payload versions against jobs a Node taskora producer wrote: an old payload is migrated
 * before the Java handler sees it, and a payload newer than the Java worker stays in the
 * queue untouched.
 */
class RedisPayloadVersionIntegrationTests extends RedisIntegrationTestSupport {

	private static final MigrationStep RENAME_NAME = data -> {
		ObjectNode node = (ObjectNode) data;
		node.set("fullName", node.remove("name"));
		return node;
	};

	private static final MigrationStep ADD_ROLE = data -> ((ObjectNode) data).put("role", "user");

	private Taskora app;

	@AfterEach
	void closeApp() {
		if (this.app != null) {
			this.app.close(Duration.ofSeconds(5));
		}
	}

	@Test
	void aV1JobWrittenTheWayNodeDoesIsMigratedToV3BeforeTheHandlerSeesIt() {
		String task = task();
		String id = id();
		nodeEnqueue(task, id, "{\"name\":\"Ada Lovelace\"}", 1);
		List<UserV3> seen = new CopyOnWriteArrayList<>();
		this.app = Taskora.builder().adapter(this.adapter).build();
		Task<UserV3, String> users = this.app.implement(TaskContract.of(task, UserV3.class, String.class),
				(user, ctx) -> {
					seen.add(user);
					return "hello " + user.fullName();
				}, worker -> worker.since(1).migrate(List.of(RENAME_NAME, ADD_ROLE)));
		assertThat(users.versioning().version()).isEqualTo(3);
		this.app.start();

		assertThat(users.handle(id).await(WAIT)).isEqualTo("hello Ada Lovelace");
		assertThat(seen).containsExactly(new UserV3("Ada Lovelace", "user"));
		// the stored payload stays as Node wrote it; only the handler saw the migrated
		// one
		assertThat(raw.commands().hget(keys(task).job(id), "data")).isEqualTo("{\"name\":\"Ada Lovelace\"}");
	}

	@Test
	void aV4JobIsLeftWaitingUntouchedForANewerWorker() {
		String task = task();
		String newer = id();
		String alsoNewer = id();
		String current = id();
		nodeEnqueue(task, newer, "{\"fullName\":\"Grace\",\"role\":\"admiral\",\"ship\":\"USS Hopper\"}", 4);
		nodeEnqueue(task, alsoNewer, "{\"fullName\":\"Alan\",\"role\":\"user\",\"ship\":\"none\"}", 4);
		nodeEnqueue(task, current, "{\"fullName\":\"Ada\",\"role\":\"user\"}", 3);
		this.app = Taskora.builder().adapter(this.adapter).build();
		Task<UserV3, String> users = this.app.implement(TaskContract.of(task, UserV3.class, String.class),
				(user, ctx) -> "ran " + user.fullName(),
				worker -> worker.concurrency(1).since(1).migrate(List.of(RENAME_NAME, ADD_ROLE)));
		try (LogCapture log = new LogCapture("dev.taskora.engine.worker.JobRunner")) {
			this.app.start();
			// both v4 jobs are older than the v3 one: each was claimed and handed back
			// before it ran
			assertThat(users.handle(current).await(WAIT)).isEqualTo("ran Ada");
			this.app.stop(Duration.ofSeconds(5));
			assertThat(log.events()).filteredOn(event -> event.getFormattedMessage().contains("payload version 4"))
				.as("one line per version, not per job")
				.hasSize(1);
		}
		RedisKeys.Task k = keys(task);
		assertThat(raw.commands().hmget(k.job(newer), "state", "attempt", "_v", "data")).containsExactly(
				KeyValue.just("state", "waiting"), KeyValue.just("attempt", "1"), KeyValue.just("_v", "4"),
				KeyValue.just("data", "{\"fullName\":\"Grace\",\"role\":\"admiral\",\"ship\":\"USS Hopper\"}"));
		assertThat(raw.commands().hexists(k.job(newer), "error")).isFalse();
		assertThat(raw.commands().lrange(k.waitList(), 0, -1)).containsExactlyInAnyOrder(newer, alsoNewer);
		assertThat(raw.commands().llen(k.active())).isZero();
	}

	/** ENQUEUE as Node's script performs it, with the producer's payload version. */
	private void nodeEnqueue(String task, String id, String data, int version) {
		RedisKeys.Task k = keys(task);
		raw.commands()
			.hset(k.job(id), Map.of("ts", Long.toString(now()), "_v", Integer.toString(version), "attempt", "1",
					"maxAttempts", "1", "state", "waiting", "priority", "0", "data", data));
		raw.commands().lpush(k.waitList(), id);
		raw.commands().zadd(k.marker(), 0, "0");
		raw.commands()
			.xadd(k.events(), XAddArgs.Builder.maxlen(10_000).approximateTrimming(), "event", "waiting", "jobId", id);
	}

	record UserV3(String fullName, String role) {
	}

}
