package dev.taskora.bench;

import org.jspecify.annotations.Nullable;

/**
 * One timed iteration.
 *
 * @param jobs jobs the iteration timed
 * @param nanos wall time of the timed window
 * @param clientCpuNanos CPU time this JVM used in the window (all threads), -1 when
 * unknown
 * @param serverCpuMicros CPU time the Redis server used in the window
 * @param commandMicros time Redis spent inside commands (scripts included) in the window
 * @param machineCpuNanos CPU time the whole machine was busy in the window, -1 when
 * unknown
 * @param memoryDelta growth of Redis {@code used_memory} over the enqueue, -1 when not
 * measured
 * @param latencies handler start − dispatch time of every job in nanoseconds, or
 * {@code null}
 */
record Measurement(int jobs, long nanos, long clientCpuNanos, long serverCpuMicros, long commandMicros,
		long machineCpuNanos, long memoryDelta, long @Nullable [] latencies) {

	double opsPerSec() {
		return Stats.opsPerSec(this.jobs, this.nanos);
	}

}
