package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.SettleRequest;
import dev.taskora.engine.adapter.Settlement;
import io.lettuce.core.ScoredValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SETTLE_MANY and MOVE_TO_ACTIVE_MANY on the wire: the keys a Node process reads (job
 * hashes, locks, state sets and lists, the events stream, metrics counters, the marker)
 * end up exactly as one ACK/FAIL/MOVE_TO_ACTIVE call per job leaves them. Only the order
 * of different jobs' stream entries may differ.
 */
class RedisSettleManyIntegrationTests extends RedisIntegrationTestSupport {

	private static final long T = 1_795_333_893_000L;

	@Test
	void settleManyLeavesTheKeysOneCallPerJobLeaves() {
		String single = task();
		String batched = task();
		List<String> ids = List.of(id(), id(), id(), id(), id(), id());
		for (String task : List.of(single, batched)) {
			for (int i = 0; i < ids.size(); i++) {
				this.adapter.jobs().enqueue(task, NewJob.of(ids.get(i), "{\"i\":" + i + "}", T + i, 1, 0, 3, 0)).join();
			}
			for (int i = 0; i < 4; i++) {
				this.adapter.jobs().claim(task, claim("tok-" + i)).join();
			}
		}
		JobStore jobs = this.adapter.jobs();
		JobCompletion first = new JobCompletion(ids.get(0), "tok-0", "{\"ok\":0}", T + 100);
		JobFailure permanent = new JobFailure(ids.get(1), "tok-1", "boom", T + 101, JobFailure.PERMANENT);
		JobFailure retry = new JobFailure(ids.get(2), "tok-2", "again", T + 102, 5_000);
		JobCompletion last = new JobCompletion(ids.get(3), "tok-3", "{\"ok\":3}", T + 103);

		jobs.ack(single, first, claim("tok-4")).join();
		jobs.fail(single, permanent, null).join();
		jobs.fail(single, retry, claim("tok-5")).join();
		jobs.ack(single, last, null).join();
		jobs.settleMany(batched, List.of(new SettleRequest(first, claim("tok-4")), new SettleRequest(permanent, null),
				new SettleRequest(retry, claim("tok-5")), new SettleRequest(last, null)))
			.join();

		assertThat(snapshot(batched, ids)).isEqualTo(snapshot(single, ids));
		assertThat(snapshot(batched, ids).get("job:" + ids.get(4))).contains("state=active");
		assertThat(sortedEvents(batched)).isEqualTo(sortedEvents(single));
	}

	@Test
	void claimManyLeavesTheKeysOneClaimPerJobLeaves() {
		String single = task();
		String batched = task();
		List<String> ids = List.of(id(), id(), id(), id(), id(), id());
		for (String task : List.of(single, batched)) {
			JobStore jobs = this.adapter.jobs();
			jobs.enqueue(task, NewJob.of(ids.get(0), "{\"i\":0}", T, 1, 0, 3, 0)).join();
			jobs.enqueue(task, NewJob.of(ids.get(1), "{\"i\":1}", T + 1, 1, 0, 3, 0)).join();
			jobs.enqueue(task, NewJob.of(ids.get(2), "{\"i\":2}", T + 2, 1, 5, 3, 0)).join();
			jobs.enqueue(task, NewJob.of(ids.get(3), "{\"i\":3}", T + 3, 1, 0, 3, 10)).join();
			jobs.enqueue(task, NewJob.of(ids.get(4), "{\"i\":4}", T + 4, 1, 0, 3, 0)).join();
			jobs.enqueue(task, NewJob.of(ids.get(5), "{\"i\":5}", T + 5, 1, 0, 3, 3_600_000)).join();
		}
		JobStore jobs = this.adapter.jobs();
		List<ClaimRequest> first = List.of(claim("tok-0"), claim("tok-1"), claim("tok-2"), claim("tok-3"));
		List<ClaimRequest> second = List.of(claim("tok-4"), claim("tok-5"), claim("tok-6"));
		// what a worker claiming one job per call does for the same free slots, batch by
		// batch
		List<String> claimedOneByOne = new ArrayList<>();
		List<String> claimedInBatches = new ArrayList<>();
		List<Integer> batchSizes = new ArrayList<>();
		for (List<ClaimRequest> slots : List.of(first, second)) {
			for (ClaimRequest request : slots) {
				ClaimedJob job = jobs.claim(single, request).join();
				if (job == null) {
					break;
				}
				claimedOneByOne.add(job.id() + "/" + job.token());
			}
			List<ClaimedJob> claimed = jobs.claimMany(batched, slots).join();
			batchSizes.add(claimed.size());
			claimed.forEach(job -> claimedInBatches.add(job.id() + "/" + job.token()));
			assertThat(snapshot(batched, ids)).isEqualTo(snapshot(single, ids));
		}

		assertThat(batchSizes).as("the second finds one job left that is due").containsExactly(4, 1);
		assertThat(claimedInBatches).isEqualTo(claimedOneByOne);
		assertThat(claimedInBatches.get(0)).as("the prioritized lane first").startsWith(ids.get(2) + "/");
		assertThat(snapshot(batched, ids).get("job:" + ids.get(3))).as("the due job was promoted")
			.contains("state=active");
		assertThat(snapshot(batched, ids).get("job:" + ids.get(5))).contains("state=delayed");
		assertThat(sortedEvents(batched)).isEqualTo(sortedEvents(single));
	}

	@Test
	void theJobsSettleManyClaimsComeWithTheirHeaders() {
		String task = task();
		String settled = id();
		String next = id();
		this.adapter.jobs().enqueue(task, NewJob.of(settled, "1", T, 1, 0, 1, 0)).join();
		this.adapter.jobs()
			.enqueue(task, new NewJob(next, "2", T + 1, 1, 0, 1, 0, 0, null, 0, null, 0, Map.of("traceparent", "t")))
			.join();
		this.adapter.jobs().claim(task, claim("tok-0")).join();

		List<Settlement> settlements = this.adapter.jobs()
			.settleMany(task,
					List.of(new SettleRequest(new JobCompletion(settled, "tok-0", "1", T + 10), claim("tok-1"))))
			.join();

		assertThat(settlements.get(0).next().id()).isEqualTo(next);
		assertThat(settlements.get(0).next().headers()).containsExactly(Map.entry("traceparent", "t"));
	}

	private static ClaimRequest claim(String token) {
		return new ClaimRequest(token, 30_000, T + 50, false, false);
	}

	/** Everything but the stream, with the task name taken out of key names. */
	private Map<String, String> snapshot(String task, List<String> ids) {
		RedisKeys.Task k = keys(task);
		Map<String, String> state = new TreeMap<>();
		for (String id : ids) {
			state.put("job:" + id, new TreeMap<>(raw.hash(k.job(id))).toString());
			state.put("lock:" + id, String.valueOf(raw.commands().get(k.lock(id))));
		}
		state.put("wait", raw.list(k.waitList()).toString());
		state.put("active", raw.list(k.active()).stream().sorted().toList().toString());
		state.put("stalled", new TreeMap<>(Map.of("m", raw.commands().smembers(k.stalled()).toString())).toString());
		for (String set : List.of(k.completed(), k.failed(), k.delayed(), k.marker(), k.prioritized())) {
			state.put(set.replace(task, "TASK"), scored(raw.commands().zrangeWithScores(set, 0, -1)));
		}
		for (String key : raw.commands().keys("*" + task + "*metrics*")) {
			state.put(key.replace(task, "TASK"), raw.commands().get(key) + " ttl>0=" + (raw.commands().ttl(key) > 0));
		}
		return state;
	}

	private static String scored(List<ScoredValue<String>> values) {
		List<String> out = new ArrayList<>();
		values.forEach(value -> out.add(value.getValue() + "@" + (long) value.getScore()));
		return out.toString();
	}

	private List<Map<String, String>> sortedEvents(String task) {
		List<Map<String, String>> bodies = new ArrayList<>();
		eventBodies(task).forEach(body -> bodies.add(new HashMap<>(body)));
		bodies.sort(Comparator.comparing(Map::toString));
		return bodies;
	}

}
