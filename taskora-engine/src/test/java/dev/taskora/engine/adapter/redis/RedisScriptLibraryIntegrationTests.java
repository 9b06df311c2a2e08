package dev.taskora.engine.adapter.redis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.Settlement;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.FlushMode;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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
