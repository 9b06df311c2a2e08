package dev.taskora.engine.adapter.redis;

import java.net.ConnectException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.taskora.engine.JobState;
import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.SchemaVersionMismatchException;
import dev.taskora.engine.adapter.Settlement;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapter's pure parts: key names, URL handling, the compatibility rule, value
 * mapping, outage logging.
 */
class RedisUnitTests {

	@Nested
	class Keys {

		@Test
		void keysFollowTheWireLayoutWithAndWithoutPrefix() {
			RedisKeys.Task plain = new RedisKeys(null).task("send-email");
			assertThat(plain.waitList()).isEqualTo("taskora:{send-email}:wait");
			assertThat(plain.job("abc")).isEqualTo("taskora:{send-email}:abc");
			assertThat(plain.lock("abc")).isEqualTo("taskora:{send-email}:abc:lock");
			assertThat(plain.logs("abc")).isEqualTo("taskora:{send-email}:abc:logs");
			assertThat(plain.metrics("completed", 1_795_333_860_000L))
				.isEqualTo("taskora:{send-email}:metrics:completed:1795333860000");
			assertThat(new RedisKeys(null).meta()).isEqualTo("taskora:meta");
			assertThat(new RedisKeys(null).schedules()).isEqualTo("taskora:schedules");
			assertThat(new RedisKeys(null).schedulesNext()).isEqualTo("taskora:schedules:next");
			assertThat(new RedisKeys(null).schedulesLock()).isEqualTo("taskora:schedules:lock");

			RedisKeys prefixed = new RedisKeys("billing");
			assertThat(prefixed.task("send-email").cancelChannel()).isEqualTo("taskora:billing:{send-email}:cancel");
			assertThat(prefixed.meta()).isEqualTo("taskora:billing:meta");
			assertThat(prefixed.schedulesNext()).isEqualTo("taskora:billing:schedules:next");
		}

	}

	@Nested
	class Connecting {

		@Test
		void onlyLettucesOwnTeardownOfAHandshakeIsConnectedAgain() {
			assertThat(RedisConnector.lostTheReply(new RedisConnectionException("Unable to connect to 127.0.0.1:6379",
					new RedisConnectionException("Connection closed prematurely"))))
				.isTrue();
			assertThat(RedisConnector.lostTheReply(new RedisConnectionException("Unable to connect to 127.0.0.1:6379",
					new IllegalStateException("RedisHandshakeHandler not registered"))))
				.isTrue();
			assertThat(RedisConnector.lostTheReply(new RedisConnectionException("Unable to connect to 127.0.0.1:6379",
					new RedisCommandExecutionException("WRONGPASS invalid username-password pair"))))
				.as("the server's refusal")
				.isFalse();
			assertThat(RedisConnector.lostTheReply(new RedisConnectionException("Unable to connect to 127.0.0.1:6379",
					new ConnectException("Connection refused"))))
				.as("nothing listening")
				.isFalse();
		}

		@Test
		void onlyAServerThatRefusesFunctionRunsTheScriptsBySha() {
			assertThat(ScriptRunner.refusesFunctions(new RedisCommandExecutionException(
					"NOPERM this user has no permissions to run the 'function|load' command")))
				.isTrue();
			assertThat(ScriptRunner.refusesFunctions(new RedisCommandExecutionException(
					"ERR unknown command 'FUNCTION', with args beginning with: 'LOAD'")))
				.isTrue();
			assertThat(ScriptRunner.refusesFunctions(new RedisCommandExecutionException(
					"ERR Error compiling function: user_function:2: '<name>' expected near '('")))
				.as("a library that does not compile")
				.isFalse();
			assertThat(ScriptRunner.refusesFunctions(new RedisCommandTimeoutException("Command timed out")))
				.as("no answer")
				.isFalse();
		}

	}

	@Nested
	class Endpoints {

		@Test
		void redactDropsPasswordsButKeepsUsersHostsAndDatabases() {
			assertThat(RedisEndpoints.redact("redis://user:secret@host:6379/2")).isEqualTo("redis://user@host:6379/2");
			assertThat(RedisEndpoints.redact("rediss://:secret@host")).isEqualTo("rediss://host");
			assertThat(RedisEndpoints.redact("redis://secret@host:1")).isEqualTo("redis://host:1");
			assertThat(RedisEndpoints.redact("redis-sentinel://secret@s1:26379,s2:26379/0#mymaster"))
				.isEqualTo("redis-sentinel://s1:26379,s2:26379/0#mymaster");
			assertThat(RedisEndpoints.redact("redis://localhost")).isEqualTo("redis://localhost");
		}

		@Test
		void optionsWithoutUrlDescribeHostPortAndDatabase() {
			RedisAdapterOptions options = RedisAdapterOptions.builder()
				.host("redis.internal")
				.port(6380)
				.password("pw")
				.database(3)
				.ssl(true)
				.build();
			assertThat(RedisEndpoints.describe(options)).isEqualTo("rediss://redis.internal:6380/3");
			assertThat(RedisEndpoints.uris(options)).singleElement().satisfies(uri -> {
				assertThat(uri.getHost()).isEqualTo("redis.internal");
				assertThat(uri.getDatabase()).isEqualTo(3);
				assertThat(uri.isSsl()).isTrue();
			});
			assertThat(options.toString()).doesNotContain("pw");
		}

		@Test
		void clusterUrlsListEverySeed() {
			RedisAdapterOptions options = RedisAdapterOptions.builder()
				.url("redis://a:7000, redis://b:7001")
				.cluster(true)
				.build();
			assertThat(RedisEndpoints.uris(options)).extracting(RedisURI::getHost).containsExactly("a", "b");
		}

		@Test
		void badOptionsAreRejectedNamingTheValue() {
			assertThatThrownBy(() -> RedisAdapterOptions.builder().port(0)).hasMessageContaining("port")
				.hasMessageContaining("0");
			assertThatThrownBy(() -> RedisAdapterOptions.builder().commandTimeout(Duration.ZERO))
				.hasMessageContaining("commandTimeout");
		}

	}

	@Nested
	class Compatibility {

		@Test
		void redisBelowSevenIsRefused() {
			assertThatThrownBy(
					() -> Handshake.checkServerVersion("# Server\r\nredis_version:6.2.14\r\n", "redis://h:1"))
				.isInstanceOf(RedisUnavailableException.class)
				.hasMessageContaining("redis://h:1")
				.hasMessageContaining("6.2")
				.hasMessageContaining("Redis 7.0 or newer");
			Handshake.checkServerVersion("redis_version:7.0.15\r\n", "redis://h:1");
			Handshake.checkServerVersion("redis_version:8.2.1\r\n", "redis://h:1");
		}

		@Test
		void theRuleComparesBothWindows() {
			assertCode(List.of("7", "7", "taskora-wire-7", "1"), SchemaVersionMismatchException.Code.THEIRS_TOO_NEW);
			assertCode(List.of("5", "2", "taskora-wire-5", "1"), SchemaVersionMismatchException.Code.THEIRS_TOO_OLD);
			assertCode(List.of("", "0", "", "0"), SchemaVersionMismatchException.Code.INVALID_META);
			assertCode(List.of("0", "0", "x", "0"), SchemaVersionMismatchException.Code.INVALID_META);
			assertCode(List.of("6", "7", "x", "0"), SchemaVersionMismatchException.Code.INVALID_META);
			Handshake.check(List.of("6", "6", "taskora-wire-6", "1"), "m", "e");
			Handshake.check(List.of("9", "6", "taskora-wire-9", "1"), "m", "e");
		}

		private void assertCode(List<Object> stored, SchemaVersionMismatchException.Code code) {
			assertThatThrownBy(() -> Handshake.check(stored, "taskora:meta", "redis://h:1")).isInstanceOfSatisfying(
					SchemaVersionMismatchException.class, ex -> assertThat(ex.code()).isEqualTo(code));
		}

	}

	@Nested
	class Codec {

		@Test
		void jobsBecomeScriptArgumentsWithTaskorasDefaults() {
			NewJob plain = NewJob.of("id-1", "{}", 5L, 2, 0, 3, 0);
			assertThat(RedisJobCodec.enqueueArgs("JP:", plain)).containsExactly("JP:", "id-1", "{}", "5", "2", "0", "3",
					"0", "", "0", "", "", "");
			NewJob keyed = new NewJob("id-2", "{}", 5L, 1, 0, 1, 0, 0, "k", 0, "wf", 4, Map.of("tenant", "acme"));
			assertThat(RedisJobCodec.enqueueArgs("JP:", keyed)).endsWith("k", "1", "wf", "4", "{\"tenant\":\"acme\"}");
			assertThat(RedisJobCodec.bulkArgs("JP:", List.of(plain, keyed))).hasSize(2 + 2 * RedisJobCodec.BULK_STRIDE);
		}

		@Test
		void repliesAndHashesAreReadLeniently() {
			assertThat(RedisJobCodec.claimed(List.of("id", "d", "", "x", "1.7e12"), 0, "tok"))
				.isEqualTo(new ClaimedJob("id", "d", 1, 1, 1_700_000_000_000L, "tok"));
			assertThat(RedisJobCodec.claimed(List.of("", "", "", "", ""), 0, "tok")).isNull();
			assertThat(RedisJobCodec.settlement(List.of("", "", "", "", "", "", ""), "tok"))
				.isEqualTo(Settlement.of(null));

			JobRecord record = RedisJobCodec.record("t", "id",
					Map.of("state", "completed", "result", "", "attempt", "two"));
			assertThat(record.state()).isEqualTo(JobState.COMPLETED);
			assertThat(record.result()).isNull();
			assertThat(record.attempt()).isEqualTo(1);
			assertThat(record.data()).isEmpty();
			assertThat(RedisJobCodec.record("t", "id", Map.of("progress", "5"))).as("a stray progress write").isNull();
			assertThatThrownBy(() -> RedisJobCodec.record("t", "id", Map.of("state", "paused")))
				.isInstanceOf(TaskoraException.class)
				.hasMessageContaining("id")
				.hasMessageContaining("paused");
		}

	}

	@Nested
	class Scripts {

		@Test
		void everyScriptNamesItsKeysAndArgumentsAndCarriesOnlyTheHelpersItUses() {
			for (LuaScript script : LuaScript.values()) {
				assertThat(script.sha()).hasSize(40);
				assertThat(script.file()).as(script.name())
					.matches("(jobs|maintenance|inspect|schedule|handshake|flow|workflow)/"
							+ script.name().toLowerCase(Locale.ROOT) + "\\.lua");
				String body = LuaScript.read(script.file());
				assertThat(body).as(script.name()).startsWith("-- " + script.name() + ":").contains("KEYS[1]");
				assertThat(script.source()).endsWith(body);
			}
			assertThat(LuaScript.ACK_AND_MOVE_TO_ACTIVE.source()).contains("local function claimNext",
					"local function recordCompletion", "local function fmt(");
			assertThat(LuaScript.ENQUEUE.source()).doesNotContain("local function claimNext",
					"local function recordFailure");
			assertThat(LuaScript.EXTEND_LOCK.source().length()).isLessThan(LuaScript.read("lib.lua").length());
			assertThat(LuaScript.CLAIM_DUE_SCHEDULES.source()).as("needs no helper")
				.startsWith("-- CLAIM_DUE_SCHEDULES:");
			assertThat(LuaScript.RETRY_ALL_DLQ.source()).contains("local function revive", "local function requeue",
					"local function emit(");
			assertThat(LuaScript.CLEAN_JOBS.source()).contains("local function deleteFinished")
				.doesNotContain("local function revive");
			assertThat(LuaScript.DEBOUNCE.file()).isEqualTo("flow/debounce.lua");
			assertThat(LuaScript.THROTTLE_ENQUEUE.source()).contains("local function storeFlowJob",
					"local function writeJob");
			assertThat(LuaScript.ENQUEUE.source()).doesNotContain("local function storeFlowJob");
			assertThat(LuaScript.MOVE_TO_ACTIVE.source()).contains("local function drainCollect")
				.doesNotContain("local function storeFlowJob");
			assertThat(LuaScript.ADVANCE_WORKFLOW.source()).contains("local function wfEnqueue",
					"local function writeJob", "local function wfJoinResults");
			assertThat(LuaScript.ENQUEUE.source()).doesNotContain("local function wfEnqueue");
			// named only in comments of the helpers they use
			assertThat(LuaScript.ACK_AND_MOVE_TO_ACTIVE.source()).doesNotContain("local function recordFailure");
			assertThat(LuaScript.ENQUEUE.source()).doesNotContain("local function countMetric");
		}

		@Test
		void aFunctionFlaggedToRunOutOfMemoryOnlyReadsOrDeletes() {
			Pattern call = Pattern.compile("redis\\.call\\('([A-Z]+)'");
			for (LuaScript script : LuaScript.values()) {
				Set<String> commands = new HashSet<>();
				Matcher matcher = call.matcher(LuaPrelude.withoutComments(script.source()));
				while (matcher.find()) {
					commands.add(matcher.group(1));
				}
				if (script.flag() != null) {
					assertThat(commands).as(script.name()).isNotEmpty();
				}
				if ("allow-oom".equals(script.flag())) {
					assertThat(commands).as(script.name())
						.isSubsetOf("ZRANGEBYSCORE", "ZRANGE", "ZCARD", "ZREM", "DEL");
				}
				else if ("no-writes".equals(script.flag())) {
					assertThat(commands).as(script.name())
						.isSubsetOf("HGET", "HGETALL", "LLEN", "LRANGE", "ZCARD", "ZRANGE", "ZREVRANGE", "EXISTS");
				}
			}
			assertThat(LuaScript.TRIM.flag()).isEqualTo("allow-oom");
			assertThat(LuaScript.LIST_JOB_DETAILS.flag()).isEqualTo("no-writes");
		}

		@Test
		void aHelperNamedInACommentIsNotLinkedButOneCalledAfterAQuotedDashDashIs() {
			assertThat(LuaPrelude.withoutComments("local s = '--x' .. \"a\\\"--\" -- as in recordFailure\nf()"))
				.isEqualTo("local s = '--x' .. \"a\\\"--\" \nf()");
			LuaPrelude prelude = LuaPrelude.of("local function f()\nend\nlocal function g()\nend\n");
			assertThat(prelude.forScript("-- unlike g()\nf() -- then g\n")).contains("local function f(")
				.doesNotContain("local function g(");
			assertThat(prelude.forScript("local s = '--' g()")).contains("local function g(");
		}

	}

	@Nested
	class Outages {

		private final RedisErrors errors = new RedisErrors("redis://app@h:1", "s3cret");

		private final OutageReporter outages = this.errors.outages();

		private final Object waiter = new Object();

		@Test
		void anOutageIsLoggedOnceAndEndsWhenEveryFailingSourceAnswersAgain() {
			try (LogCapture logs = new LogCapture(RedisAdapter.class.getName())) {
				this.outages.failed(OutageReporter.COMMANDS, "claim", "claim of task 'a'", refused());
				for (int i = 0; i < 3; i++) {
					this.outages.failed(this.waiter, "wait for work", "wait for work of task 'a'", refused());
				}
				this.outages.failed(OutageReporter.COMMANDS, "trim", "trim of task 'a'", refused());
				this.outages.succeeded(OutageReporter.COMMANDS);
				assertThat(logs.at(Level.INFO)).as("the waiter's connection is not back yet").isEmpty();

				this.outages.succeeded(this.waiter);

				assertThat(logs.at(Level.WARN)).singleElement()
					.extracting(ILoggingEvent::getFormattedMessage)
					.isEqualTo("Redis at redis://app@h:1 is unavailable (claim of task 'a': Connection refused); "
							+ "background work retries until it is back, failed operations are logged at DEBUG");
				assertThat(logs.at(Level.INFO)).singleElement()
					.extracting(ILoggingEvent::getFormattedMessage, InstanceOfAssertFactories.STRING)
					.startsWith("Redis at redis://app@h:1 is reachable again after ")
					.endsWith("; 5 operation(s) failed meanwhile (claim 1, trim 1, wait for work 3)");
				assertThat(logs.at(Level.DEBUG)).hasSize(5)
					.allSatisfy(line -> assertThat(line.getThrowableProxy()).isNotNull());
				assertThat(this.outages.isDown()).isFalse();
			}
		}

		@Test
		void aClosedLoopDoesNotKeepTheOutageOpen() {
			try (LogCapture logs = new LogCapture(RedisAdapter.class.getName())) {
				this.outages.failed(this.waiter, "wait for work", "wait for work of task 'a'", refused());
				this.outages.forget(this.waiter);
				this.outages.failed(OutageReporter.COMMANDS, "claim", "claim of task 'a'", refused());

				assertThat(logs.at(Level.WARN)).hasSize(2);
				assertThat(logs.at(Level.INFO)).isEmpty();
			}
		}

		@Test
		void commandsReportToTheOutageLogAndAReplyEndsIt() {
			try (LogCapture logs = new LogCapture(RedisAdapter.class.getName())) {
				CompletableFuture<String> refused = CompletableFuture.failedFuture(refused());
				assertThatThrownBy(() -> this.errors.guard(refused, "claim", "a", null).join())
					.hasCauseInstanceOf(RedisUnavailableException.class);
				CompletableFuture<String> errorReply = CompletableFuture
					.failedFuture(new RedisCommandExecutionException("ERR unknown command"));
				assertThatThrownBy(() -> this.errors.guard(errorReply, "claim", "a", null).join())
					.hasCauseInstanceOf(TaskoraException.class);

				assertThat(logs.at(Level.WARN)).hasSize(1);
				assertThat(logs.at(Level.INFO)).as("an error reply is a reply").hasSize(1);
			}
		}

		@Test
		void thePasswordNeverReachesTheLog() {
			try (LogCapture logs = new LogCapture(RedisAdapter.class.getName())) {
				this.outages.failed(OutageReporter.COMMANDS, "claim", "claim of task 'a'",
						new RedisConnectionException("WRONGPASS s3cret"));

				assertThat(logs.at(Level.WARN)).singleElement()
					.extracting(ILoggingEvent::getFormattedMessage, InstanceOfAssertFactories.STRING)
					.contains("WRONGPASS ***")
					.doesNotContain("s3cret");
			}
		}

		@Test
		void errorRepliesOfAServerThatDidNotRunTheCommandAreRefusalsADispatchWaitsOut() {
			for (String reply : List.of("LOADING Redis is loading the dataset in memory",
					"CLUSTERDOWN Hash slot not served", "TRYAGAIN Multiple keys request during rehashing of slot",
					"MASTERDOWN Link with MASTER is down", "READONLY You can't write against a read only replica.")) {
				assertThat(RedisErrors.isRefusedUnrun(new RedisCommandExecutionException(reply))).as(reply).isTrue();
			}
			assertThat(RedisErrors.isRefusedUnrun(new RedisCommandExecutionException("ERR unknown command"))).isFalse();
			assertThat(RedisErrors.isRefusedUnrun(new RedisCommandExecutionException("LOCK_MISMATCH job 1"))).isFalse();
		}

		private RedisConnectionException refused() {
			return new RedisConnectionException("Connection refused");
		}

	}

}
