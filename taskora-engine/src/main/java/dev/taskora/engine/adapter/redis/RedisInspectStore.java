package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.InspectStore;
import dev.taskora.engine.adapter.JobDetails;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.MinuteCounts;
import dev.taskora.engine.adapter.VersionCounts;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

/**
 * Reads on Redis. Commands issued together go out pipelined on the shared connection, so
 * each method costs one round trip, however many tasks it spans (on a Cluster the nodes
 * are asked in parallel). A page of jobs is one script ({@code lua/inspect/}), not a
 * command per job.
 */
final class RedisInspectStore implements InspectStore {

	/**
	 * Most entries of the delayed set one call looks at when it picks the retrying jobs
	 * out.
	 */
	private static final int WALK_BUDGET = 1000;

	private final RedisAdapter adapter;

	private final RedisKeys keys;

	private final RedisErrors errors;

	RedisInspectStore(RedisAdapter adapter, RedisKeys keys, RedisErrors errors) {
		this.adapter = adapter;
		this.keys = keys;
		this.errors = errors;
	}

	@Override
	public CompletableFuture<@Nullable JobRecord> findJob(String task, String jobId) {
		return this.adapter.withSession(s -> {
			CompletableFuture<Map<String, String>> hash = s.commands()
				.hgetall(this.keys.task(task).job(jobId))
				.toCompletableFuture();
			return this.errors.guard(hash, "find", task, jobId)
				.thenApply(fields -> RedisJobCodec.record(task, jobId, fields));
		});
	}

	@Override
	public CompletableFuture<@Nullable JobRecord> findJob(String jobId, Collection<String> tasks) {
		List<String> names = List.copyOf(tasks);
		if (names.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		return this.adapter.withSession(s -> {
			List<CompletableFuture<Map<String, String>>> hashes = new ArrayList<>(names.size());
			for (String task : names) {
				hashes.add(s.commands().hgetall(this.keys.task(task).job(jobId)).toCompletableFuture());
			}
			CompletableFuture<Void> all = CompletableFuture.allOf(hashes.toArray(CompletableFuture<?>[]::new));
			return this.errors.guard(all, "find", String.join("', '", names), jobId).thenApply(ignored -> {
				for (int i = 0; i < names.size(); i++) {
					JobRecord record = RedisJobCodec.record(names.get(i), jobId, hashes.get(i).join());
					if (record != null) {
						return record;
					}
				}
				return null;
			});
		});
	}

	@Override
	public CompletableFuture<@Nullable JobState> state(String task, String jobId) {
		return this.adapter.withSession(s -> {
			CompletableFuture<String> state = s.commands()
				.hget(this.keys.task(task).job(jobId), "state")
				.toCompletableFuture();
			return this.errors.guard(state, "state", task, jobId).thenApply(JobState::fromWire);
		});
	}

	@Override
	public CompletableFuture<List<String>> logs(String task, String jobId) {
		return this.adapter.withSession(s -> {
			CompletableFuture<List<String>> logs = s.commands()
				.lrange(this.keys.task(task).logs(jobId), 0, -1)
				.toCompletableFuture();
			return this.errors.guard(logs, "logs", task, jobId);
		});
	}

	@Override
	public CompletableFuture<Map<String, Map<JobState, Long>>> countByState(Collection<String> tasks) {
		List<String> names = List.copyOf(tasks);
		if (names.isEmpty()) {
			return CompletableFuture.completedFuture(Map.of());
		}
		return this.adapter.withSession(s -> {
			List<StateCounts> counts = new ArrayList<>(names.size());
			List<CompletableFuture<?>> replies = new ArrayList<>(names.size() * StateCounts.COMMANDS);
			for (String task : names) {
				StateCounts count = new StateCounts(s.commands(), this.keys.task(task));
				counts.add(count);
				count.addTo(replies);
			}
			CompletableFuture<Void> all = CompletableFuture.allOf(replies.toArray(CompletableFuture<?>[]::new));
			return this.errors.guard(all, "count", String.join("', '", names), null).thenApply(ignored -> {
				Map<String, Map<JobState, Long>> byTask = new LinkedHashMap<>();
				for (int i = 0; i < names.size(); i++) {
					byTask.put(names.get(i), counts.get(i).toMap());
				}
				return byTask;
			});
		});
	}

	@Override
	public CompletableFuture<@Nullable Long> nextDelayedAt(String task) {
		return this.adapter.withSession(s -> {
			CompletableFuture<List<ScoredValue<String>>> first = s.commands()
				.zrangeWithScores(this.keys.task(task).delayed(), 0, 0)
				.toCompletableFuture();
			return this.errors.guard(first, "next delayed", task, null)
				.thenApply(values -> values.isEmpty() ? null : (long) values.get(0).getScore());
		});
	}

	@Override
	public CompletableFuture<List<JobDetails>> listJobs(String task, JobState state, int offset, int limit) {
		Objects.requireNonNull(state, "state must not be null");
		if (offset < 0 || limit < 0) {
			throw new IllegalArgumentException("offset and limit must not be negative, were " + offset + ", " + limit);
		}
		if (limit == 0) {
			return CompletableFuture.completedFuture(List.of());
		}
		if (state == JobState.RETRYING) {
			return walkRetrying(task, 0, offset, limit, new ArrayList<>());
		}
		RedisKeys.Task k = this.keys.task(task);
		String[] keys = switch (state) {
			case WAITING -> new String[] { k.waitList(), k.prioritized() };
			case ACTIVE -> new String[] { k.active() };
			case DELAYED -> new String[] { k.delayed() };
			case COMPLETED -> new String[] { k.completed() };
			case FAILED -> new String[] { k.failed() };
			case CANCELLED -> new String[] { k.cancelled() };
			default -> new String[] { k.expired() };
		};
		String mode = switch (state) {
			case WAITING -> "waiting";
			case ACTIVE -> "active";
			case DELAYED -> "ascending";
			default -> "descending";
		};
		return listPage(task, keys, mode, offset, 0, limit, "").thenApply(ListReply::jobs);
	}

	/**
	 * Retrying jobs share the delayed set: walk it a bounded slice per script call, going
	 * on from where the last call stopped until the page is full or the set is done.
	 */
	private CompletableFuture<List<JobDetails>> walkRetrying(String task, long rank, long skip, int limit,
			List<JobDetails> found) {
		String[] keys = { this.keys.task(task).delayed() };
		return listPage(task, keys, "ascending", rank, skip, limit - found.size(), JobState.RETRYING.wireName())
			.thenCompose(page -> {
				found.addAll(page.jobs());
				if (found.size() >= limit || page.next() < 0) {
					return CompletableFuture.completedFuture(List.copyOf(found));
				}
				return walkRetrying(task, page.next(), page.skipLeft(), limit, found);
			});
	}

	private CompletableFuture<ListReply> listPage(String task, String[] keys, String mode, long start, long skip,
			int limit, String filter) {
		return this.adapter.withSession(s -> {
			CompletableFuture<List<Object>> reply = s.scripts.run(LuaScript.LIST_JOB_DETAILS, keys,
					this.keys.task(task).jobPrefix(), mode, Long.toString(start), Long.toString(skip),
					Integer.toString(limit), filter, Integer.toString(WALK_BUDGET));
			return this.errors.guard(reply, "list", task, null).thenApply(entries -> ListReply.parse(task, entries));
		});
	}

	@Override
	public CompletableFuture<VersionCounts> versionCounts(String task) {
		return this.adapter.withSession(s -> {
			RedisKeys.Task k = this.keys.task(task);
			CompletableFuture<List<Object>> reply = s.scripts.run(LuaScript.VERSION_DISTRIBUTION,
					new String[] { k.waitList(), k.active(), k.delayed(), k.prioritized() }, k.jobPrefix());
			return this.errors.guard(reply, "version distribution", task, null)
				.thenApply(RedisInspectStore::versionCounts);
		});
	}

	@Override
	public CompletableFuture<Map<String, Long>> failedErrors(String task, int start, int count) {
		return this.adapter.withSession(s -> {
			RedisKeys.Task k = this.keys.task(task);
			CompletableFuture<List<Object>> reply = s.scripts.run(LuaScript.FAILED_ERRORS, new String[] { k.failed() },
					k.jobPrefix(), Integer.toString(start), Integer.toString(count));
			return this.errors.guard(reply, "dead-letter errors", task, null).thenApply(flat -> {
				Map<String, Long> byMessage = new LinkedHashMap<>();
				for (int i = 0; i + 1 < flat.size(); i += 2) {
					byMessage.merge(RedisJobCodec.text(flat.get(i)), (Long) flat.get(i + 1), Long::sum);
				}
				return byMessage;
			});
		});
	}

	@Override
	public CompletableFuture<Map<String, List<MinuteCounts>>> throughput(Collection<String> tasks, long firstMinute,
			int minutes) {
		List<String> names = List.copyOf(tasks);
		if (names.isEmpty() || minutes <= 0) {
			Map<String, List<MinuteCounts>> none = new LinkedHashMap<>();
			names.forEach(task -> none.put(task, List.of()));
			return CompletableFuture.completedFuture(none);
		}
		return this.adapter.withSession(s -> {
			// Two MGETs per task (its keys share the task's slot), all sent at once: one
			// round trip.
			List<CompletableFuture<List<KeyValue<String, String>>>> replies = new ArrayList<>(names.size() * 2);
			for (String task : names) {
				RedisKeys.Task k = this.keys.task(task);
				replies.add(s.commands().mget(metricKeys(k, "completed", firstMinute, minutes)).toCompletableFuture());
				replies.add(s.commands().mget(metricKeys(k, "failed", firstMinute, minutes)).toCompletableFuture());
			}
			CompletableFuture<Void> all = CompletableFuture.allOf(replies.toArray(CompletableFuture<?>[]::new));
			return this.errors.guard(all, "throughput", String.join("', '", names), null).thenApply(ignored -> {
				Map<String, List<MinuteCounts>> byTask = new LinkedHashMap<>();
				for (int t = 0; t < names.size(); t++) {
					List<KeyValue<String, String>> completed = replies.get(2 * t).join();
					List<KeyValue<String, String>> failed = replies.get(2 * t + 1).join();
					List<MinuteCounts> counts = new ArrayList<>(minutes);
					for (int i = 0; i < minutes; i++) {
						counts.add(new MinuteCounts(firstMinute + i * 60_000L, count(completed.get(i)),
								count(failed.get(i))));
					}
					byTask.put(names.get(t), counts);
				}
				return byTask;
			});
		});
	}

	private static String[] metricKeys(RedisKeys.Task k, String kind, long firstMinute, int minutes) {
		String[] keys = new String[minutes];
		for (int i = 0; i < minutes; i++) {
			keys[i] = k.metrics(kind, firstMinute + i * 60_000L);
		}
		return keys;
	}

	private static long count(KeyValue<String, String> value) {
		return value.hasValue() ? RedisJobCodec.toLong(value.getValue(), 0) : 0;
	}

	private static VersionCounts versionCounts(List<Object> flat) {
		Map<String, Map<Integer, Long>> sections = new HashMap<>();
		Map<Integer, Long> current = null;
		for (int i = 0; i < flat.size(); i++) {
			String value = RedisJobCodec.text(flat.get(i));
			if (current == null) {
				current = sections.computeIfAbsent(value, name -> new HashMap<>());
			}
			else if (value.equals("END")) {
				current = null;
			}
			else if (i + 1 < flat.size()) {
				Object reply = flat.get(i + 1);
				long count = (reply instanceof Long n) ? n : RedisJobCodec.toLong(RedisJobCodec.text(reply), 0);
				current.merge(RedisJobCodec.toInt(value, 1), count, Long::sum);
				i++;
			}
		}
		return new VersionCounts(sections.getOrDefault("waiting", Map.of()), sections.getOrDefault("active", Map.of()),
				sections.getOrDefault("delayed", Map.of()));
	}

	/** A LIST_JOB_DETAILS reply: the page, and where a filtered walk goes on. */
	private record ListReply(List<JobDetails> jobs, long next, long skipLeft) {

		static ListReply parse(String task, List<Object> reply) {
			List<JobDetails> jobs = new ArrayList<>(Math.max(0, reply.size() - 2));
			for (int i = 2; i < reply.size(); i++) {
				List<?> entry = (List<?>) reply.get(i);
				String id = RedisJobCodec.text(entry.get(0));
				JobRecord record = RedisJobCodec.record(task, id, RedisJobCodec.hash(entry.get(2)));
				if (record != null) {
					String score = RedisJobCodec.text(entry.get(1));
					jobs.add(new JobDetails(record, RedisJobCodec.texts(entry.get(3)),
							score.isEmpty() ? record.timestamp() : RedisJobCodec.toLong(score, 0)));
				}
			}
			return new ListReply(jobs, (Long) reply.get(0), (Long) reply.get(1));
		}

	}

	/**
	 * The eight cardinality commands of one task, issued at once and read after all
	 * answered.
	 */
	private static final class StateCounts {

		static final int COMMANDS = 8;

		private final CompletableFuture<Long> wait;

		private final CompletableFuture<Long> prioritized;

		private final CompletableFuture<Long> active;

		private final CompletableFuture<Long> delayed;

		private final CompletableFuture<Long> completed;

		private final CompletableFuture<Long> failed;

		private final CompletableFuture<Long> cancelled;

		private final CompletableFuture<Long> expired;

		StateCounts(RedisClusterAsyncCommands<String, String> commands, RedisKeys.Task k) {
			this.wait = commands.llen(k.waitList()).toCompletableFuture();
			this.prioritized = commands.zcard(k.prioritized()).toCompletableFuture();
			this.active = commands.llen(k.active()).toCompletableFuture();
			this.delayed = commands.zcard(k.delayed()).toCompletableFuture();
			this.completed = commands.zcard(k.completed()).toCompletableFuture();
			this.failed = commands.zcard(k.failed()).toCompletableFuture();
			this.cancelled = commands.zcard(k.cancelled()).toCompletableFuture();
			this.expired = commands.zcard(k.expired()).toCompletableFuture();
		}

		void addTo(List<CompletableFuture<?>> replies) {
			replies.addAll(List.of(this.wait, this.prioritized, this.active, this.delayed, this.completed, this.failed,
					this.cancelled, this.expired));
		}

		Map<JobState, Long> toMap() {
			Map<JobState, Long> counts = new EnumMap<>(JobState.class);
			counts.put(JobState.WAITING, this.wait.join() + this.prioritized.join());
			counts.put(JobState.DELAYED, this.delayed.join());
			counts.put(JobState.ACTIVE, this.active.join());
			counts.put(JobState.COMPLETED, this.completed.join());
			counts.put(JobState.FAILED, this.failed.join());
			// jobs waiting for a retry share the delayed set and are counted there
			counts.put(JobState.RETRYING, 0L);
			counts.put(JobState.CANCELLED, this.cancelled.join());
			counts.put(JobState.EXPIRED, this.expired.join());
			return counts;
		}

	}

	/** The fields of {@code INFO} an operator looks at first. */
	private static final List<String> SERVER_FIELDS = List.of("redis_version", "redis_mode", "uptime_in_seconds",
			"connected_clients", "used_memory", "used_memory_human", "used_memory_peak_human", "maxmemory_human",
			"role");

	@Override
	public CompletableFuture<Map<String, String>> serverInfo() {
		return this.adapter.withSession(s -> {
			CompletableFuture<String> info = s.commands().info().toCompletableFuture();
			return this.errors.guard(info, "info", "the server").thenApply(RedisInspectStore::serverFields);
		});
	}

	private static Map<String, String> serverFields(String info) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String line : info.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && !line.startsWith("#")) {
				String name = line.substring(0, colon);
				if (SERVER_FIELDS.contains(name)) {
					fields.put(name, line.substring(colon + 1).trim());
				}
			}
		}
		return fields;
	}

}
