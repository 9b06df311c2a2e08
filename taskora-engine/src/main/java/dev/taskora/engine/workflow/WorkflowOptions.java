package dev.taskora.engine.workflow;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How a workflow is dispatched.
 *
 * @param ttl how long it may run before it is cancelled (reason
 * {@code workflow timeout}), or {@code null}. Like taskora's, the timer lives in the
 * dispatching process: it is lost if that process stops first. Each job still has its
 * task's own TTL.
 * @param name a name shown by the inspector, or {@code null} for a description of its
 * shape
 */
public record WorkflowOptions(@Nullable Duration ttl, @Nullable String name) {

	private static final WorkflowOptions NONE = new WorkflowOptions(null, null);

	/**
	 * Creates workflow options.
	 * @throws IllegalArgumentException if the TTL is zero or negative
	 */
	public WorkflowOptions {
		if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
			throw new IllegalArgumentException("workflow ttl must be positive, was " + ttl);
		}
	}

	/** No TTL, a generated name. */
	public static WorkflowOptions none() {
		return NONE;
	}

	/** Cancels the workflow if it is still running after {@code ttl}. */
	public static WorkflowOptions ttl(Duration ttl) {
		return new WorkflowOptions(ttl, null);
	}

	/** These options with a TTL. */
	public WorkflowOptions withTtl(Duration ttl) {
		return new WorkflowOptions(ttl, this.name);
	}

	/** These options with a name. */
	public WorkflowOptions withName(String name) {
		return new WorkflowOptions(this.ttl, name);
	}

}
