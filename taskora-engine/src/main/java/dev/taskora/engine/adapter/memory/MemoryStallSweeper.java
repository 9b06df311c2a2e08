package dev.taskora.engine.adapter.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.StallSweep;
import dev.taskora.engine.adapter.WireEvent;

/**
 * STALLED_CHECK, two-phase: candidates of the previous sweep whose lock lapsed are
 * cancelled (when flagged), failed (stalled too often) or re-queued; then every active
 * job becomes a candidate for the next sweep. A lock extension, or settling the job,
 * withdraws its candidacy.
 */
final class MemoryStallSweeper {

	/** The error stored on a job that stalled more than the allowed count. */
	static final String STALLED_ERROR = "Job stalled and exceeded max stalled count";

	private MemoryStallSweeper() {
	}

	static StallSweep sweep(MemoryTaskQueue queue, int maxStalledCount, long now) {
		long clockMillis = queue.clock.millis();
		List<String> recovered = new ArrayList<>();
		List<String> failed = new ArrayList<>();
		for (String id : List.copyOf(queue.stalled)) {
			MemoryJob job = queue.job(id);
			if (job == null || job.state != JobState.ACTIVE) {
				// Unlike taskora's script, never resurrect a job that has left active
				// (its known bug).
				queue.stalled.remove(id);
				continue;
			}
			if (job.isLocked(clockMillis)) {
				continue;
			}
			if (job.cancelledAt > 0) {
				queue.leaveActive(job);
				queue.finish(job, JobState.CANCELLED, now);
				queue.emit(WireEvent.CANCELLED, id, Map.of("reason", MemorySettler.reasonOf(job)));
				continue;
			}
			job.stalledCount++;
			queue.leaveActive(job);
			String count = Integer.toString(job.stalledCount);
			if (job.stalledCount > maxStalledCount) {
				queue.finish(job, JobState.FAILED, now);
				job.error = STALLED_ERROR;
				queue.emit(WireEvent.STALLED, id, Map.of("count", count, "action", "failed"));
				queue.emit(WireEvent.FAILED, id);
				failed.add(id);
			}
			else {
				queue.pushWaiting(job, job.timestamp);
				queue.signalWork();
				queue.emit(WireEvent.STALLED, id, Map.of("count", count, "action", "recovered"));
				recovered.add(id);
			}
		}
		queue.stalled.addAll(queue.active);
		return (recovered.isEmpty() && failed.isEmpty()) ? StallSweep.NONE
				: new StallSweep(List.copyOf(recovered), List.copyOf(failed));
	}

}
