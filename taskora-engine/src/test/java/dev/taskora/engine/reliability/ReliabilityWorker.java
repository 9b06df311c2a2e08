package dev.taskora.engine.reliability;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.redis.RedisAdapter;
import dev.taskora.engine.adapter.redis.RedisAdapterOptions;

/**
 * A worker process of the reliability suite, started by {@link WorkerProcess} as its own
 * JVM and killed or stopped from outside. It runs task {@value #TASK} with the library's
 * defaults and a shutdown hook, and writes a line per handler start ({@code start <n>})
 * and per handler run that returned ({@code done <n>}) to its accounting file,
 * unbuffered, so that a SIGKILL loses none of them and Redis being down does not hold
 * them up. It prints {@code READY} once its worker runs.
 * <p>
 * Arguments: Redis URL, key prefix, concurrency, handler time in ms, accounting file.
 */
public final class ReliabilityWorker {

	static final String TASK = "work";

	private ReliabilityWorker() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		String prefix = args[1];
		int concurrency = Integer.parseInt(args[2]);
		long handlerMs = Long.parseLong(args[3]);
		FileOutputStream accounting = new FileOutputStream(args[4], true);
		Taskora taskora = Taskora.builder()
			.adapter(RedisAdapter.create(RedisAdapterOptions.builder().url(url).prefix(prefix).build()))
			.shutdownTimeout(Duration.ofSeconds(10))
			.shutdownHook(true)
			.build();
		Task<Long, Long> task = taskora.task(TASK, Long.class, Long.class)
			.concurrency(concurrency)
			.handler((n, ctx) -> {
				if (handlerMs > 0) {
					write(accounting, "start " + n + "\n");
					Thread.sleep(handlerMs);
				}
				write(accounting, "done " + n + "\n");
				return n;
			});
		taskora.start();
		System.out.println("READY " + task.name() + " " + ProcessHandle.current().pid());
		System.out.flush();
		Thread.currentThread().join(); // until killed or stopped; the shutdown hook
										// drains
	}

	/**
	 * One write call per line: it reaches the OS at once, and lines of two threads never
	 * mix.
	 */
	private static void write(FileOutputStream accounting, String line) throws IOException {
		byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
		synchronized (accounting) {
			accounting.write(bytes);
		}
	}

}
