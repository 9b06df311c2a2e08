package dev.taskora.spring.boot.test.autoconfigure.slice.schedule;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.testing.VirtualClock;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.annotation.TaskSchedule;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application with scheduled consumers, for {@code @TaskoraTest} slices under virtual
 * time.
 */
@SpringBootApplication
public class ScheduleSliceApplication {

	/** What a report run asks for. */
	public record ReportRequest(String kind) {
	}

	/**
	 * Deletes expired sessions every hour, catching up runs missed while no scheduler
	 * ran.
	 */
	@TaskConsumer("cleanup-expired")
	@TaskSchedule(every = "1h", onMissed = "catch-up")
	public static class CleanupConsumer implements TaskHandler<Void, Void> {

		private final VirtualClock clock;

		public final List<Instant> runs = new CopyOnWriteArrayList<>();

		CleanupConsumer(VirtualClock clock) {
			this.clock = clock;
		}

		@Override
		public Void handle(Void data, JobContext ctx) {
			this.runs.add(this.clock.instant());
			return null;
		}

	}

	/** Writes reports; its schedules come from the test's properties. */
	@TaskConsumer("report")
	public static class ReportConsumer implements TaskHandler<ReportRequest, String> {

		private final VirtualClock clock;

		public final List<String> written = new CopyOnWriteArrayList<>();

		ReportConsumer(VirtualClock clock) {
			this.clock = clock;
		}

		@Override
		public String handle(ReportRequest request, JobContext ctx) {
			this.written.add(request.kind() + "@" + this.clock.instant());
			return request.kind();
		}

	}

}
