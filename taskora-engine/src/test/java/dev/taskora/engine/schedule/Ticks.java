package dev.taskora.engine.schedule;

import java.util.List;

import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.internal.TaskoraRuntime;

/**
 * Ticks an app's scheduler by hand, for tests that drive it step by step under a virtual
 * clock: reached, as the test runner reaches it, through the app's runtime.
 */
public final class Ticks {

	private Ticks() {
	}

	/** The app's scheduler. */
	public static Scheduler scheduler(Taskora app) {
		return TaskoraRuntime.of(app)
			.timedWork()
			.stream()
			.filter(Scheduler.class::isInstance)
			.map(Scheduler.class::cast)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No scheduler in " + app));
	}

	/** One tick of the app's scheduler; returns the jobs it dispatched. */
	public static List<ResultHandle<?>> tick(Taskora app) {
		return scheduler(app).tick();
	}

}
