package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.SchemaVersionMismatchException;
import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.Settlement;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter's pure parts: key names, URL handling, the compatibility rule, value mapping. */
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

			RedisKeys prefixed = new RedisKeys("billing");
			assertThat(prefixed.task("send-email").cancelChannel()).isEqualTo("taskora:billing:{send-email}:cancel");
			assertThat(prefixed.meta()).isEqualTo("taskora:billing:meta");
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
			assertThatThrownBy(() -> Handshake.checkServerVersion("# Server\r\nredis_version:6.2.14\r\n", "redis://h:1"))
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
			assertThatThrownBy(() -> Handshake.check(stored, "taskora:meta", "redis://h:1"))
				.isInstanceOfSatisfying(SchemaVersionMismatchException.class, ex -> assertThat(ex.code()).isEqualTo(code));
		}

	}

	@Nested
	class Codec {

		@Test
		void jobsBecomeScriptArgumentsWithTaskorasDefaults() {
			NewJob plain = NewJob.of("id-1", "{}", 5L, 2, 0, 3, 0);
			assertThat(RedisJobCodec.enqueueArgs("JP:", plain))
				.containsExactly("JP:", "id-1", "{}", "5", "2", "0", "3", "0", "", "0", "", "");
			NewJob keyed = new NewJob("id-2", "{}", 5L, 1, 0, 1, 0, 0, "k", 0, "wf", 4);
			assertThat(RedisJobCodec.enqueueArgs("JP:", keyed)).endsWith("k", "1", "wf", "4");
			assertThat(RedisJobCodec.bulkArgs("JP:", List.of(plain, keyed))).hasSize(2 + 2 * RedisJobCodec.BULK_STRIDE);
		}

		@Test
		void repliesAndHashesAreReadLeniently() {
			assertThat(RedisJobCodec.claimed(List.of("id", "d", "", "x", "1.7e12"), 0, "tok"))
				.isEqualTo(new ClaimedJob("id", "d", 1, 1, 1_700_000_000_000L, "tok"));
			assertThat(RedisJobCodec.claimed(List.of("", "", "", "", ""), 0, "tok")).isNull();
			assertThat(RedisJobCodec.settlement(List.of("", "", "", "", "", "", ""), "tok")).isEqualTo(Settlement.of(null));

			JobRecord record = RedisJobCodec.record("t", "id", Map.of("state", "completed", "result", "", "attempt", "two"));
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
					.matches("(jobs|maintenance|handshake)/" + script.name().toLowerCase(Locale.ROOT) + "\\.lua");
				String body = LuaScript.read(script.file());
				assertThat(body).as(script.name()).startsWith("-- " + script.name() + ":").contains("KEYS[1]");
				assertThat(script.source()).endsWith(body);
			}
			assertThat(LuaScript.ACK_AND_MOVE_TO_ACTIVE.source()).contains("local function claimNext",
					"local function recordCompletion", "local function fmt(");
			assertThat(LuaScript.ENQUEUE.source()).doesNotContain("local function claimNext",
					"local function recordFailure");
			assertThat(LuaScript.EXTEND_LOCK.source().length()).isLessThan(LuaScript.read("lib.lua").length());
		}

	}

}
