package dev.taskora.engine.worker;

import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a running job's heartbeats, progress and log lines to the store, fire-and-forget:
 * a lost progress write must not fail the job.
 */
final class AdapterReporter implements ExecutionContext.Reporter {

	private static final Logger logger = LoggerFactory.getLogger(JobRunner.class);

	private final JobStore jobs;

	private final String task;

	private final ClaimedJob job;

	private final Runnable heartbeat;

	/**
	 * Reports for one job.
	 * @param heartbeat extends the job's lock now
	 */
	AdapterReporter(JobStore jobs, String task, ClaimedJob job, Runnable heartbeat) {
		this.jobs = jobs;
		this.task = task;
		this.job = job;
		this.heartbeat = heartbeat;
	}

	@Override
	public void heartbeat() {
		this.heartbeat.run();
	}

	@Override
	public void progress(String stored, Object value) {
		quietly(this.jobs.setProgress(this.task, this.job.id(), stored), "progress");
	}

	@Override
	public void log(String entryJson) {
		quietly(this.jobs.appendLog(this.task, this.job.id(), entryJson), "log entry");
	}

	private void quietly(CompletableFuture<Void> write, String what) {
		write.whenComplete((done, error) -> {
			if (error != null) {
				logger.debug("Could not store {} of job {}", what, this.job.id(), error);
			}
		});
	}

}
