package dev.taskora.engine.adapter.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.retry.StallOptions;

/**
 * A worker JVM for {@link RedisWorkflowCrashIntegrationTests}: runs the workflow's three
 * tasks on Redis and writes a line to the run log when a step starts and when it ends.
 * Step "two" blocks, so that the test can kill this process while that step is active.
 * <p>
 * Arguments: Redis URL, key prefix, run log file, whether step two blocks
 * ({@code block}/{@code run}).
 */
public final class WorkflowWorkerProcess {

	static final Duration LOCK_TTL = Duration.ofSeconds(2);

	static final StallOptions STALL = new StallOptions(Duration.ofMillis(500), 3);

	private WorkflowWorkerProcess() {
	}

	public static void main(String[] args) throws Exception {
		Path log = Path.of(args[2]);
		Taskora app = app(args[0], args[1], log, args[3].equals("block"), "child");
		app.start();
		Thread.sleep(Long.MAX_VALUE);
	}

	static Taskora app(String url, String prefix, Path log, boolean blockStepTwo, String who) {
		Taskora app = Taskora.builder()
			.adapter(RedisAdapter.create(RedisAdapterOptions.builder().url(url).prefix(prefix).build()))
			.lockTtl(LOCK_TTL)
			.build();
		for (String step : new String[] { "one", "two", "three" }) {
			app.task(prefix + "-" + step, Integer.class, Integer.class).stall(STALL).handler((n, ctx) -> {
				write(log, "start " + step + " " + ctx.id() + " " + who);
				if (blockStepTwo && step.equals("two")) {
					Thread.sleep(Long.MAX_VALUE);
				}
				write(log, "end " + step + " " + ctx.id() + " " + who);
				return n + 1;
			});
		}
		return app;
	}

	private static synchronized void write(Path log, String line) throws IOException {
		Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND, StandardOpenOption.SYNC);
	}

}
