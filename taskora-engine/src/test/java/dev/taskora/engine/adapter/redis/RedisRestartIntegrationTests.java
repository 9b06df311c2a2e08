package dev.taskora.engine.adapter.redis;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.event.EventType;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application restarted again and again against a Redis that holds earlier jobs and
 * events must start and process work every time. Starting opens several connections while
 * event watches and result waiters are answered on Lettuce's I/O threads; a lock or a
 * blocking call shared between the two once hung the start for good.
 */
class RedisRestartIntegrationTests extends RedisIntegrationTestSupport {

	private static final int RESTARTS = 25;

	private static final Duration BOUND = Duration.ofSeconds(10);

	private static final List<String> TASKS = List.of("orders", "emails", "invoices", "reports");

	@Test
	void anAppRestartedAgainstPopulatedStreamsStartsAndProcessesEveryTime() {
		populateStreams();
		for (int restart = 1; restart <= RESTARTS; restart++) {
			RedisAdapter restarted = RedisAdapter.create(server.options().prefix(prefix).build());
			runOnce(restart, restarted, restarted::disconnect);
		}
	}

	@Test
	void anAppOnASingleIoThreadClientStartsAndProcessesEveryTime() {
		// one Lettuce I/O thread: anything that blocks it, or waits for it while holding
		// what it needs, hangs
		populateStreams();
		for (int restart = 1; restart <= RESTARTS / 2; restart++) {
			ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(1).build();
			RedisClient client = RedisClient.create(resources, server.url());
			RedisAdapter restarted = RedisAdapter.create(client,
					RedisAdapterOptions.builder().prefix(prefix).commandTimeout(Duration.ofSeconds(5)).build());
			runOnce(restart, restarted,
					() -> restarted.disconnect()
						.thenCompose(ignored -> client.shutdownAsync(0, 1, TimeUnit.SECONDS))
						.thenRun(() -> resources.shutdown(0, 1, TimeUnit.SECONDS)));
		}
	}

	/**
	 * Earlier runs' events: a few thousand entries per task stream, as a busy queue
	 * leaves behind.
	 */
	private void populateStreams() {
		String script = "for i = 1, tonumber(ARGV[1]) do "
				+ "redis.call('XADD', KEYS[1], 'MAXLEN', '~', '10000', '*', 'event', 'completed', 'jobId', 'old-' .. i) end";
		for (String task : TASKS) {
			raw.commands().eval(script, ScriptOutputType.STATUS, new String[] { keys(task).events() }, "2000");
			assertThat(raw.commands().xlen(keys(task).events())).isGreaterThanOrEqualTo(2_000);
		}
	}

	private void runOnce(int restart, RedisAdapter adapter, Supplier<CompletableFuture<?>> release) {
		Taskora app = Taskora.builder().adapter(adapter).shutdownTimeout(Duration.ofSeconds(2)).build();
		boolean hung = false;
		try {
			List<Task<String, String>> tasks = new ArrayList<>();
			for (String name : TASKS) {
				tasks.add(app.task(name, String.class, String.class).handler((data, ctx) -> data + " done"));
			}
			Set<String> completed = ConcurrentHashMap.newKeySet();
			// as an application's listeners do: registered before start, app-wide and per
			// task
			app.on(EventType.COMPLETED, event -> completed.add(event.id()));
			for (Task<String, String> task : tasks) {
				task.on(EventType.FAILED, event -> {
				});
			}
			// a result waiter from before start (say, a runner dispatching at startup)
			ResultHandle<String> early = tasks.get(0).dispatch("early " + restart);
			CompletableFuture<String> earlyResult = early.result();

			hung = !within(BOUND, "start #" + restart, app::start);
			assertThat(hung).as("start #%d finished within %s", restart, BOUND).isFalse();

			List<ResultHandle<String>> handles = new ArrayList<>();
			for (Task<String, String> task : tasks) {
				handles.add(task.dispatch(task.name() + " " + restart));
			}
			assertThat(earlyResult).succeedsWithin(BOUND).isEqualTo("early " + restart + " done");
			for (ResultHandle<String> handle : handles) {
				assertThat(handle.await(BOUND)).isEqualTo(handle.task() + " " + restart + " done");
			}
			await().atMost(BOUND)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(10))
				.until(() -> completed.contains(early.id())
						&& handles.stream().allMatch(handle -> completed.contains(handle.id())));
		}
		finally {
			if (!hung) {
				assertThat(within(BOUND, "close #" + restart, app::close)).as("close #%d", restart).isTrue();
				release.get().orTimeout(BOUND.toMillis(), TimeUnit.MILLISECONDS).join();
			}
		}
	}

	/**
	 * Runs the action on a thread of its own; false (with the threads printed) if it did
	 * not end in time.
	 */
	private static boolean within(Duration bound, String what, Runnable action) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				action.run();
				done.complete(null);
			}
			catch (Throwable ex) {
				done.completeExceptionally(ex);
			}
		}, "test-" + what.replace(' ', '-'));
		thread.setDaemon(true);
		thread.start();
		try {
			done.get(bound.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			System.err.println(what + " hung; threads:\n" + threadDump());
			return false;
		}
		catch (ExecutionException ex) {
			throw new AssertionError(what + " failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(what + " interrupted", ex);
		}
	}

	private static String threadDump() {
		StringBuilder dump = new StringBuilder();
		for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, false)) {
			String name = info.getThreadName();
			if (name.startsWith("taskora") || name.startsWith("lettuce") || name.startsWith("test-")) {
				dump.append('"').append(name).append("\" ").append(info.getThreadState());
				if (info.getLockOwnerName() != null) {
					dump.append(" on ").append(info.getLockName()).append(" held by ").append(info.getLockOwnerName());
				}
				dump.append('\n');
				for (StackTraceElement frame : info.getStackTrace()) {
					dump.append("\tat ").append(frame).append('\n');
				}
			}
		}
		return dump.toString();
	}

}
