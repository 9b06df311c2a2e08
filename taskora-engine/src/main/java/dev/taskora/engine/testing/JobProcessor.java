package dev.taskora.engine.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.worker.JobRunner;

/**
 * Runs an app's claimable jobs on the calling thread, one at a time, through the same
 * {@link JobRunner} workers use: the step-by-step processing behind {@link TestRunner}, usable on
 * any adapter (under a virtual clock, delays and backoff then pass only when the clock is moved).
 */
public final class JobProcessor {

	private static final int MAX_ROUNDS = 10_000;

	private final Taskora app;

	private final Map<String, JobRunner> runners = new ConcurrentHashMap<>();

	public JobProcessor(Taskora app) {
		this.app = app;
	}

	/**
	 * Processes claimable jobs of every task with a handler until none is left.
	 * @return how many jobs ran
	 * @throws IllegalStateException when jobs keep coming back without time moving
	 */
	public int processAll() {
		int ran = 0;
		for (int round = 0; round < MAX_ROUNDS; round++) {
			int ranThisRound = 0;
			for (Task<?, ?> task : this.app.tasks()) {
				if (task.handler() != null) {
					ranThisRound += drain(task);
				}
			}
			if (ranThisRound == 0) {
				return ran;
			}
			ran += ranThisRound;
		}
		throw new IllegalStateException("processAll() still had work after " + MAX_ROUNDS
				+ " rounds: a job keeps coming back without time advancing");
	}

	private int drain(Task<?, ?> task) {
		JobRunner runner = this.runners.computeIfAbsent(task.name(), name -> new JobRunner(this.app, task));
		int ran = 0;
		ClaimedJob job = this.app.adapter().jobs().claim(task.name(), runner.claimRequest()).join();
		while (job != null) {
			runner.run(job, () -> null);
			ran++;
			job = this.app.adapter().jobs().claim(task.name(), runner.claimRequest()).join();
		}
		return ran;
	}

}
