package dev.taskora.samples.quickstart;

import java.util.Map;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.spring.annotation.TaskConsumer;

/**
 * Renders a report page by page, reporting progress and logging each step, and keeps it
 * in the {@link ReportArchive} (until the nightly cleanup). {@link JobsController}
 * dispatches it deduplicated per user: while a user's report is waiting or rendering,
 * asking again hands back that job instead of rendering a second one.
 */
@TaskConsumer(name = "generate-report", timeout = "5m")
public class GenerateReportConsumer
		implements TaskHandler<GenerateReportConsumer.ReportRequest, GenerateReportConsumer.Report> {

	private final ReportArchive archive;

	public GenerateReportConsumer(ReportArchive archive) {
		this.archive = archive;
	}

	@Override
	public Report handle(ReportRequest request, JobContext ctx) throws InterruptedException {
		ctx.log().info("Rendering " + request.name(), Map.of("pages", request.pages()));
		for (int page = 1; page <= request.pages(); page++) {
			ctx.cancellation().throwIfCancelled();
			// Rendering a page takes a moment; cancellation interrupts the sleep.
			Thread.sleep(request.millisPerPage());
			ctx.log().info("Rendered page " + page + " of " + request.pages());
			ctx.progress(Map.of("page", page, "of", request.pages(), "percent", page * 100 / request.pages()));
			ctx.heartbeat();
		}
		ctx.log().info("Rendered " + request.name());
		Report report = new Report(request.name(), request.pages(), "/reports/" + request.name() + ".pdf");
		this.archive.add(report.location(), ctx.timestamp());
		return report;
	}

	/**
	 * @param user who asked for it
	 * @param name report name
	 * @param pages how many pages
	 * @param millisPerPage time each page takes
	 */
	public record ReportRequest(String user, String name, int pages, long millisPerPage) {
	}

	/**
	 * @param name report name
	 * @param pages pages rendered
	 * @param location where the PDF is
	 */
	public record Report(String name, int pages, String location) {
	}

}
