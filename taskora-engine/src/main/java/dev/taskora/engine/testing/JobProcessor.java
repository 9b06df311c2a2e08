package dev.taskora.engine.testing;

import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.worker.HandlerExecutorFactory;
import dev.taskora.engine.worker.Workers;

/**
 * Runs an app's claimable jobs on the calling thread, one at a time, through the same job
 * runner workers use: the step-by-step processing behind {@link TestRunner}, usable on
 * any adapter (under a virtual clock, delays and backoff then pass only when the clock is
 * moved).
 */
public final class JobProcessor {

	private static final int MAX_ROUNDS = 10_000;

	private final TaskoraRuntime runtime;

	private final Workers workers;

	/** A processor over the app's current adapter. */
	public JobProcessor(Taskora app) {
		this.runtime = TaskoraRuntime.of(app);
		// Never started: only its step-by-step runner is used, so the executor factory is
		// never called.
		this.workers = new Workers(this.runtime, HandlerExecutorFactory.platformThreads());
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
			for (Task<?, ?> task : this.runtime.tasks()) {
				if (task.handler() != null) {
					ranThisRound += this.workers.runClaimable(task);
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

}
