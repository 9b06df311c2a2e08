package dev.taskora.spring.core.observation;

import dev.taskora.engine.Middleware;
import dev.taskora.engine.MiddlewareContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * Observes every handler run as {@code taskora.process} (timer, trace span, whatever the registry's
 * handlers make of it). Runs outermost so that the observation covers other middleware too, and
 * is in scope while the handler runs, so its logs carry the trace.
 */
public class ObservationMiddleware implements Middleware, Ordered {

	private final ObservationRegistry registry;

	private final @Nullable TaskoraProcessObservationConvention convention;

	/**
	 * @param registry where observations go
	 * @param convention a custom convention, or {@code null} for the default
	 */
	public ObservationMiddleware(ObservationRegistry registry, @Nullable TaskoraProcessObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public void handle(MiddlewareContext ctx, Next next) throws Exception {
		TaskoraProcessContext context = new TaskoraProcessContext(ctx.task(), ctx.id(), ctx.attempt());
		Observation observation = Observation.createNotStarted(this.convention,
				DefaultTaskoraProcessObservationConvention.INSTANCE, () -> context, this.registry);
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			next.proceed();
		}
		catch (Exception | Error ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	@Override
	public int getOrder() {
		return HIGHEST_PRECEDENCE;
	}

}
