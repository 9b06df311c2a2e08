package dev.taskora.engine.adapter.redis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.Settlement;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.FlushMode;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The transition scripts as one function library: loaded on connect, called with FCALL,
 * loaded again when the server lost it, and run by SHA where the server refuses FUNCTION
 * (sent in full again when the server lost them).
 */
class RedisScriptLibraryIntegrationTests extends RedisIntegrationTestSupport {

	@Test
	void everyScriptIsAFunctionOfOneLibraryLoadedOnConnect() {
		List<Map<String, Object>> libraries = raw.commands().functionList(LuaLibrary.NAME);

		assertThat(libraries).hasSize(1);
		List<?> functions = (List<?>) libraries.get(0).get("functions");
		assertThat(functions).hasSize(LuaScript.values().length);
		assertThat(functions)
			.anySatisfy(function -> assertThat(String.valueOf(function)).contains(LuaScript.LIST_JOB_DETAILS.function())
				.contains("no-writes"));
		long fcalls = raw.calls("fcall");
		long evalshas = raw.calls("evalsha");

		ClaimedJob claimed = enqueueAndClaim(task(), "1");

		assertThat(claimed.data()).isEqualTo("1");
		assertThat(raw.calls("fcall") - fcalls).as("enqueue and claim").isEqualTo(2);
		assertThat(raw.calls("evalsha") - evalshas).isZero();
	}

	@Test
	void theLibraryIsLoadedAgainAfterTheServerForgotIt() {
		raw.commands().functionFlush(FlushMode.SYNC);
		raw.commands().scriptFlush();
		String task = task();

		ClaimedJob claimed = enqueueAndClaim(task, "1");

		assertThat(claimed.data()).isEqualTo("1");
		await().atMost(WAIT).until(() -> raw.commands().functionList(LuaLibrary.NAME).size() == 1);
		long fcalls = raw.calls("fcall");
		Settlement settled = this.adapter.jobs()
			.ack(task, new JobCompletion(claimed.id(), claimed.token(), "\"done\"", now()), null)
			.join();
		assertThat(settled.next()).isNull();
		assertThat(raw.hash(keys(task).job(claimed.id()))).containsEntry("state", "completed");
		assertThat(raw.calls("fcall") - fcalls).isEqualTo(1);
	}

	@Test
	void outOfMemoryTheInspectorStillReadsRetentionStillDeletesAndAWriteIsRefusedWhole() {
		RedisTestServer own = RedisTestServer.startPrivate();
		assumeThat(own).as("redis-server on the PATH").isNotNull();
		try (RawRedis ownRaw = new RawRedis(own.url())) {
			this.adapter = connected(own.options().prefix(this.prefix).build());
			String task = task();
			for (String data : List.of("1", "2")) {
				ClaimedJob claimed = enqueueAndClaim(task, data);
				this.adapter.jobs()
					.ack(task, new JobCompletion(claimed.id(), claimed.token(), data, now()), null)
					.join();
			}
			this.adapter.jobs().enqueue(task, job("3")).join();
			ownRaw.commands().configSet("maxmemory", "1");
			try {
				assertThat(this.adapter.inspect().listJobs(task, JobState.WAITING, 0, 10).join())
					.extracting(details -> details.record().data())
					.containsExactly("3");

				NewJob refused = job("4");
				assertThatThrownBy(() -> this.adapter.jobs().enqueue(task, refused).join()).hasMessageContaining("OOM");
				assertThat(ownRaw.commands().exists(keys(task).job(refused.id()))).isZero();
				assertThat(ownRaw.commands().llen(keys(task).waitList())).isOne();

				assertThat(this.adapter.maintenance().trim(task, JobState.COMPLETED, 0, 1).join())
					.as("retention frees memory")
					.isOne();
			}
			finally {
				ownRaw.commands().configSet("maxmemory", "0");
			}
		}
		finally {
			own.stop();
		}
	}

	@Test
	void aServerThatRefusesFunctionRunsTheScriptsBySha() {
		String user = "taskora-scripts-" + RedisTestServer.uniquePrefix();
		raw.commands()
			.aclSetuser(user,
					AclSetuserArgs.Builder.on()
						.addPassword("pw")
						.allKeys()
						.allChannels()
						.allCommands()
						.removeCommand(CommandType.FUNCTION));
		try {
			raw.commands().scriptFlush();
			String url = server.url().replace("redis://", "redis://" + user + ":pw@");
			this.adapter = connected(server.options().url(url).prefix(this.prefix).build());
			long fcalls = raw.calls("fcall");
			String task = task();

			ClaimedJob claimed = enqueueAndClaim(task, "1");
			this.adapter.jobs()
				.ack(task, new JobCompletion(claimed.id(), claimed.token(), "\"done\"", now()), null)
				.join();

			assertThat(raw.hash(keys(task).job(claimed.id()))).containsEntry("state", "completed");
			assertThat(raw.calls("fcall") - fcalls).isZero();
			String[] shas = Arrays.stream(LuaScript.values()).map(LuaScript::sha).toArray(String[]::new);
			assertThat(raw.commands().scriptExists(shas)).as("every script loaded on connect").containsOnly(true);

			raw.commands().scriptFlush();
			assertThat(enqueueAndClaim(task, "2").data()).isEqualTo("2");
			assertThat(raw.commands().scriptExists(LuaScript.ENQUEUE.sha(), LuaScript.MOVE_TO_ACTIVE.sha()))
				.as("sent in full again after SCRIPT FLUSH")
				.containsExactly(true, true);
		}
		finally {
			raw.commands().aclDeluser(user);
		}
	}

}
