package dev.taskora.samples.quickstart;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.spring.annotation.TaskConsumer;

/**
 * Deletes reports older than the run's {@code olderThanDays}. It runs every night: its
 * schedule, {@code nightly-cleanup}, is set in {@code application.properties}
 * ({@code taskora.schedules.*}).
 */
@TaskConsumer(name = "cleanup-reports", timeout = "5m")
public class CleanupReportsConsumer implements TaskHandler<CleanupReportsConsumer.Cleanup, Integer> {

	private final ReportArchive archive;

	public CleanupReportsConsumer(ReportArchive archive) {
		this.archive = archive;
	}

	@Override
	public Integer handle(Cleanup cleanup, JobContext ctx) {
		// the job's time, not the wall clock: the run cleans up as of when it was due
		Instant cutoff = ctx.timestamp().minus(Duration.ofDays(cleanup.olderThanDays()));
		int deleted = this.archive.deleteCreatedBefore(cutoff);
		ctx.log().info("Deleted reports created before " + cutoff, Map.of("deleted", deleted));
		return deleted;
	}

	/**
	 * @param olderThanDays age in days from which a report is deleted
	 */
	public record Cleanup(int olderThanDays) {
	}

}
