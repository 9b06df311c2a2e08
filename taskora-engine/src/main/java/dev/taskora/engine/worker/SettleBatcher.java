package dev.taskora.engine.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.adapter.LockMismatchException;
import dev.taskora.engine.adapter.SettleRequest;
import dev.taskora.engine.adapter.Settlement;
import org.jspecify.annotations.Nullable;

/**
 * Group commit for a worker's settlements: a settlement made while none is in flight goes
 * out at once, alone; those made while one is in flight wait for its answer and then go
 * out together in one {@link JobStore#settleMany} call. At concurrency 1 every call is
 * alone; with many handlers finishing at once the calls per job fall with the load, and
 * no settlement ever waits for a timer. A slot stays taken until its job is settled, as
 * with one call per job; the handler thread does not wait for it (see
 * {@link JobRunner.Continuation}).
 */
final class SettleBatcher {

	/** Entries per call; more wait for the next one. */
	static final int MAX_BATCH = 128;

	private final JobStore jobs;

	private final String task;

	private final List<Pending> queue = new ArrayList<>();

	private boolean inFlight;

	SettleBatcher(JobStore jobs, String task) {
		this.jobs = jobs;
		this.task = task;
	}

	/**
	 * Settles one job, with the others that finish meanwhile. Fails with
	 * {@link LockMismatchException} when the token no longer holds the job's lock.
	 */
	CompletableFuture<Settlement> submit(SettleRequest request) {
		Pending pending = new Pending(request);
		List<Pending> batch = null;
		synchronized (this) {
			this.queue.add(pending);
			if (!this.inFlight) {
				this.inFlight = true;
				batch = take();
			}
		}
		if (batch != null) {
			send(batch);
		}
		return pending.result;
	}

	/** Up to {@link #MAX_BATCH} of the waiting entries; the caller holds the monitor. */
	private List<Pending> take() {
		int size = Math.min(this.queue.size(), MAX_BATCH);
		List<Pending> batch = new ArrayList<>(this.queue.subList(0, size));
		this.queue.subList(0, size).clear();
		return batch;
	}

	private void send(List<Pending> batch) {
		List<SettleRequest> requests = new ArrayList<>(batch.size());
		for (Pending pending : batch) {
			requests.add(pending.request);
		}
		CompletableFuture<List<@Nullable Settlement>> call;
		try {
			call = this.jobs.settleMany(this.task, requests);
		}
		catch (RuntimeException ex) {
			call = CompletableFuture.failedFuture(ex);
		}
		call.whenComplete((settlements, error) -> {
			// the next batch goes out before this one's handlers wake up
			sendNext();
			for (int i = 0; i < batch.size(); i++) {
				Pending pending = batch.get(i);
				if (error != null) {
					pending.result.completeExceptionally(error);
					continue;
				}
				Settlement settlement = settlements.get(i);
				if (settlement != null) {
					pending.result.complete(settlement);
				}
				else {
					pending.result
						.completeExceptionally(new LockMismatchException(this.task, pending.request.outcome().jobId()));
				}
			}
		});
	}

	private void sendNext() {
		List<Pending> batch;
		synchronized (this) {
			if (this.queue.isEmpty()) {
				this.inFlight = false;
				return;
			}
			batch = take();
		}
		send(batch);
	}

	private static final class Pending {

		final SettleRequest request;

		final CompletableFuture<Settlement> result = new CompletableFuture<>();

		Pending(SettleRequest request) {
			this.request = request;
		}

	}

}
