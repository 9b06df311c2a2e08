package dev.taskora.engine.worker;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Creates the executor a task's handlers run on. The worker never runs more than the
 * task's concurrency at once, so an unbounded executor (virtual threads) is fine.
 * <p>
 * The executor must run each task on a thread of its own, never on the thread that calls
 * {@code execute} (no caller-runs policy, no direct executor): a claimed job is handed
 * over by the store client's I/O thread, which must not run handlers that may block. A
 * task declared {@code nonBlocking} runs its handlers there without the executor, which
 * then only takes the settlements that wait for an answer.
 */
@FunctionalInterface
public interface HandlerExecutorFactory {

	/**
	 * @param task the task name (for thread names)
	 * @param concurrency how many handlers may run at once
	 */
	ExecutorService create(String task, int concurrency);

	/**
	 * Up to {@code concurrency} daemon platform threads named {@code taskora-<task>-<n>},
	 * started as needed; idle ones are woken one at a time, so that a few busy threads
	 * run a burst of short handlers without a thread switch per job.
	 */
	static HandlerExecutorFactory platformThreads() {
		return (task, concurrency) -> new HandlerThreadPool("taskora-" + task + "-", concurrency);
	}

	/**
	 * A virtual thread per handler.
	 * @throws IllegalStateException when the JVM has no virtual threads (before Java 21)
	 */
	static HandlerExecutorFactory virtualThreads() {
		Method factory;
		try {
			// Looked up reflectively: the engine is compiled for Java 17.
			factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(
					"Virtual threads need Java 21 or later; this JVM is " + System.getProperty("java.version"));
		}
		return (task, concurrency) -> {
			try {
				return (ExecutorService) factory.invoke(null);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Could not create a virtual thread executor", ex);
			}
		};
	}

}
