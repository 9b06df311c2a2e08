package dev.taskora.spring.core.observation;

import java.time.Duration;

import dev.taskora.engine.CancelledException;
import dev.taskora.engine.JobTimeoutException;
import dev.taskora.engine.Middleware;
import dev.taskora.engine.MiddlewareContext;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.job.CancellationSignal;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * Observes every handler run as {@code taskora.process} (timer, trace span, whatever the
 * registry's handlers make of it). Runs outermost so that the observation covers other
 * middleware too, and is in scope while the handler runs, so its logs carry the trace.
 * The job's headers are the observation's carrier: a job dispatched in a traced
 * {@code taskora.dispatch} continues that trace (one written by Node taskora, without
 * headers, starts its own).
 * <p>
 * A run stopped by its timeout is observed with a {@link JobTimeoutException} and a
 * cancelled one with a {@link CancelledException}, as the job's outcome says, rather than
 * with whatever the interrupted handler threw (typically an
 * {@link InterruptedException}).
 */
public class ObservationMiddleware implements Middleware, Ordered {

	private final Taskora taskora;

	private final ObservationRegistry registry;

	private final @Nullable TaskoraProcessObservationConvention convention;

	/**
	 * @param taskora the app whose handlers are observed, for their timeouts
	 * @param registry where observations go
	 * @param convention a custom convention, or {@code null} for the default
	 */
	public ObservationMiddleware(Taskora taskora, ObservationRegistry registry,
			@Nullable TaskoraProcessObservationConvention convention) {
		this.taskora = taskora;
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public void handle(MiddlewareContext ctx, Next next) throws Exception {
		TaskoraProcessContext context = new TaskoraProcessContext(ctx.task(), ctx.id(), ctx.attempt(), ctx.headers());
		Observation observation = TaskoraObservation.PROCESS.observation(this.convention,
				DefaultTaskoraProcessObservationConvention.INSTANCE, () -> context, this.registry);
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			next.proceed();
			Throwable stopped = stopped(ctx, null);
			if (stopped != null) {
				// the handler returned after its signal fired: the engine still settles
				// the run as stopped
				observation.error(stopped);
			}
		}
		catch (Exception | Error ex) {
			Throwable stopped = stopped(ctx, ex);
			observation.error((stopped != null) ? stopped : ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * The outcome of a run its cancellation signal stopped, or {@code null} if it did not
	 * fire.
	 */
	private @Nullable Throwable stopped(MiddlewareContext ctx, @Nullable Throwable thrown) {
		CancellationSignal.Reason reason = ctx.cancellation().reason();
		if (reason == CancellationSignal.Reason.TIMEOUT) {
			Duration timeout = this.taskora.findTask(ctx.task()).map(task -> task.options().timeout()).orElse(null);
			JobTimeoutException timedOut = (timeout != null) ? JobTimeoutException.handler(ctx.id(), timeout)
					: new JobTimeoutException("Job " + ctx.id() + " did not complete within its timeout", ctx.id(),
							Duration.ZERO);
			if (thrown != null) {
				timedOut.addSuppressed(thrown);
			}
			return timedOut;
		}
		if (reason == CancellationSignal.Reason.CANCELLED && !(thrown instanceof CancelledException)) {
			CancelledException cancelled = new CancelledException(ctx.id(), null);
			if (thrown != null) {
				cancelled.addSuppressed(thrown);
			}
			return cancelled;
		}
		return null;
	}

	@Override
	public int getOrder() {
		return HIGHEST_PRECEDENCE;
	}

}
