package dev.taskora.engine.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.taskora.engine.Middleware;
import dev.taskora.engine.MiddlewareContext;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.internal.TaskoraRuntime;

/**
 * What the test runner learns of jobs as they move: a job was claimed or scheduled for a
 * retry (its events), and its handler runs now (app middleware around every handler).
 * Lets the runner wait for a change of one job instead of polling its state.
 */
final class JobWatch {

	private final Map<String, CompletableFuture<Void>> changes = new ConcurrentHashMap<>();

	/**
	 * Jobs whose handler runs now: past the point where their timeout and lock timers
	 * exist.
	 */
	private final Set<String> running = ConcurrentHashMap.newKeySet();

	private final List<Middleware> appMiddleware;

	private final Middleware tracker = this::track;

	private final List<Registration> listeners;

	JobWatch(Taskora app, TaskoraRuntime runtime) {
		this.appMiddleware = runtime.middleware();
		this.listeners = List.of(app.on(EventType.ACTIVE, event -> changed(event.id())),
				app.on(EventType.RETRYING, event -> changed(event.id())));
		app.use(this.tracker);
	}

	/** A future completed at the job's next change; replaces the previous one. */
	CompletableFuture<Void> expectChange(String jobId) {
		CompletableFuture<Void> changed = new CompletableFuture<>();
		this.changes.put(jobId, changed);
		return changed;
	}

	void forget(String jobId) {
		this.changes.remove(jobId);
	}

	boolean isRunning(String jobId) {
		return this.running.contains(jobId);
	}

	/** Forgets every job (between tests). */
	void clear() {
		this.changes.clear();
		this.running.clear();
	}

	/** Takes the watch off the app. */
	void detach() {
		this.listeners.forEach(Registration::close);
		this.appMiddleware.remove(this.tracker);
	}

	/**
	 * Waits for the future; {@code false} when it did not complete in time (or the wait
	 * was interrupted).
	 */
	static boolean await(CompletableFuture<?> future, long nanos) {
		try {
			future.get(nanos, TimeUnit.NANOSECONDS);
			return true;
		}
		catch (ExecutionException ex) {
			// The job failed or was cancelled: the report reads it.
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void track(MiddlewareContext ctx, Middleware.Next next) throws Exception {
		this.running.add(ctx.id());
		changed(ctx.id());
		try {
			next.proceed();
		}
		finally {
			this.running.remove(ctx.id());
		}
	}

	private void changed(String jobId) {
		CompletableFuture<Void> future = this.changes.get(jobId);
		if (future != null) {
			future.complete(null);
		}
	}

}
