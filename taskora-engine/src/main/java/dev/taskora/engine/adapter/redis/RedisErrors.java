package dev.taskora.engine.adapter.redis;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.LockMismatchException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import org.jspecify.annotations.Nullable;

/** Turns Lettuce failures into the exceptions the engine and users see. */
final class RedisErrors {

	/** Error replies of a server that did not run the command, as it says. */
	private static final List<String> UNRUN_ERROR_CODES = List.of("LOADING", "CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN",
			"READONLY");

	private final String endpoint;

	private final @Nullable String password;

	private final OutageReporter outages;

	RedisErrors(String endpoint, @Nullable String password) {
		this.endpoint = endpoint;
		this.password = (password == null || password.isEmpty()) ? null : password;
		this.outages = new OutageReporter(endpoint, this::scrub);
	}

	/** The adapter's outage log, which every operation and background loop reports to. */
	OutageReporter outages() {
		return this.outages;
	}

	/**
	 * The command's future with failures {@link #translate translated}, reporting to the
	 * outage log: a failure to reach Redis as such, any reply (an error reply too) as
	 * Redis being there.
	 */
	<T extends @Nullable Object> CompletableFuture<T> guard(CompletableFuture<T> future, String operation, String task,
			@Nullable String jobId) {
		// the subject is built only when something failed: this runs for every transition
		return guard(future, operation, () -> subject(operation, task, jobId),
				(ex) -> translate(ex, operation, task, jobId));
	}

	/**
	 * Like {@link #guard(CompletableFuture, String, String, String)} for an operation on
	 * something other than a task's job ({@code "pause of schedule 'nightly'"}).
	 * @param operation what was attempted ({@code "pause"})
	 * @param subject what was attempted, on what
	 */
	<T extends @Nullable Object> CompletableFuture<T> guard(CompletableFuture<T> future, String operation,
			String subject) {
		return guard(future, operation, () -> subject, (ex) -> translate(ex, subject));
	}

	private <T extends @Nullable Object> CompletableFuture<T> guard(CompletableFuture<T> future, String operation,
			Supplier<String> subject, Function<Throwable, RuntimeException> translator) {
		CompletableFuture<T> guarded = new CompletableFuture<>();
		future.whenComplete((value, ex) -> {
			if (ex == null) {
				this.outages.succeeded(OutageReporter.COMMANDS);
				guarded.complete(value);
				return;
			}
			RuntimeException translated = translator.apply(ex);
			if (translated instanceof RedisUnavailableException) {
				this.outages.failed(OutageReporter.COMMANDS, operation, subject.get(), unwrap(ex));
			}
			else {
				this.outages.succeeded(OutageReporter.COMMANDS);
			}
			guarded.completeExceptionally(translated);
		});
		return guarded;
	}

	/** The failure without CompletableFuture's wrappers. */
	static Throwable unwrap(Throwable ex) {
		Throwable current = ex;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/** Whether the failure means Redis could not be reached or did not answer in time. */
	static boolean isUnavailable(Throwable ex) {
		Throwable cause = unwrap(ex);
		return cause instanceof RedisUnavailableException || cause instanceof RedisCommandTimeoutException
				|| isConnectionProblem(cause);
	}

	/**
	 * Whether the command was refused without being run: by the client because its
	 * connection is down (Lettuce's {@code REJECT_COMMANDS}), or by a server that cannot
	 * run it now: still loading its data after a restart ({@code LOADING}), a cluster
	 * whose slot has no master for the moment ({@code CLUSTERDOWN}, {@code TRYAGAIN},
	 * {@code MASTERDOWN}), or a former master demoted by a failover that the client has
	 * not seen yet ({@code READONLY}). Trying again later cannot run it twice.
	 */
	static boolean isRefusedUnrun(Throwable ex) {
		for (Throwable current = ex; current != null; current = (current.getCause() == current) ? null
				: current.getCause()) {
			String message = current.getMessage();
			if (current instanceof RedisException && message != null
					&& ((!(current instanceof RedisCommandExecutionException)
							&& message.startsWith("Currently not connected"))
							|| (current instanceof RedisCommandExecutionException && refusedByServer(message)))) {
				return true;
			}
		}
		return false;
	}

	private static boolean refusedByServer(String message) {
		for (String code : UNRUN_ERROR_CODES) {
			if (message.startsWith(code)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the script refused because the worker's token no longer holds the job's
	 * lock.
	 */
	static boolean isLockMismatch(Throwable ex) {
		Throwable cause = unwrap(ex);
		return cause instanceof RedisCommandExecutionException && cause.getMessage() != null
				&& cause.getMessage().contains("LOCK_MISMATCH");
	}

	/**
	 * The exception to report for a failed operation: a lock mismatch becomes
	 * {@link LockMismatchException}, connection trouble
	 * {@link RedisUnavailableException}, anything else a {@link TaskoraException} naming
	 * what was attempted.
	 */
	RuntimeException translate(Throwable ex, String operation, String task, @Nullable String jobId) {
		Throwable cause = unwrap(ex);
		if (jobId != null && isLockMismatch(cause)) {
			return new LockMismatchException(task, jobId);
		}
		return translate(cause, subject(operation, task, jobId));
	}

	/**
	 * The exception to report for a failed operation on {@code subject} (what was
	 * attempted, on what).
	 */
	RuntimeException translate(Throwable ex, String subject) {
		Throwable cause = unwrap(ex);
		if (cause instanceof TaskoraException taskora) {
			return taskora;
		}
		if (cause instanceof RedisCommandTimeoutException) {
			// a reply can also be stuck on this side: an I/O thread of the client that is
			// blocked
			return new RedisUnavailableException("No reply to " + subject + " from Redis at " + this.endpoint
					+ " within the command timeout (" + scrub(cause.getMessage())
					+ "): Redis or the network is slow, or the client's I/O threads are blocked", cause);
		}
		if (isConnectionProblem(cause)) {
			return new RedisUnavailableException("Redis at " + this.endpoint + " is unavailable; " + subject
					+ " failed: " + scrub(cause.getMessage()), cause);
		}
		return new TaskoraException(subject + " failed on Redis at " + this.endpoint + ": " + scrub(cause.getMessage()),
				cause);
	}

	private static String subject(String operation, String task, @Nullable String jobId) {
		return operation + " of " + ((jobId != null) ? "job " + jobId + " of " : "") + "task '" + task + "'";
	}

	/** The exception for a connect that failed. */
	RedisUnavailableException connectFailed(Throwable ex) {
		Throwable cause = unwrap(ex);
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String detail = scrub(cause.getMessage());
		if (root != cause && root.getMessage() != null) {
			detail = detail + " (" + scrub(root.getMessage()) + ")";
		}
		return new RedisUnavailableException("Cannot connect to Redis at " + this.endpoint + ": " + detail, cause);
	}

	/** Removes the password from a message, should a driver ever echo it. */
	String scrub(@Nullable String message) {
		if (message == null) {
			return "(no message)";
		}
		return (this.password != null) ? message.replace(this.password, "***") : message;
	}

	private static boolean isConnectionProblem(Throwable cause) {
		if (cause instanceof RedisConnectionException || cause instanceof IOException) {
			return true;
		}
		// Lettuce rejects commands with a plain RedisException while the connection is
		// down or closed
		return cause instanceof RedisException && !(cause instanceof RedisCommandExecutionException);
	}

}
