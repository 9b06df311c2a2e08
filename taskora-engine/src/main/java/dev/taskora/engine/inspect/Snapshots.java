package dev.taskora.engine.inspect;

import java.lang.reflect.Type;
import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.internal.JobLogs;
import dev.taskora.engine.internal.Progress;
import dev.taskora.engine.serialize.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Turns a stored job into a {@link JobSnapshot}, reading its JSON strictly or leniently.
 */
final class Snapshots {

	private final Serializer serializer;

	Snapshots(Serializer serializer) {
		this.serializer = serializer;
	}

	/**
	 * A snapshot with data and result read as the given types; a value that does not fit
	 * fails.
	 */
	@SuppressWarnings("unchecked")
	<I, O> JobSnapshot<I, O> typed(JobRecord record, List<String> logs, Type input, Type output) {
		I data = (I) readStrictly(record, record.data(), input, "data");
		O result = (record.result() != null) ? (O) readStrictly(record, record.result(), output, "result") : null;
		return snapshot(record, logs, data, result);
	}

	/**
	 * A snapshot with data and result read as the types if they fit, else as plain JSON,
	 * else as text.
	 */
	JobSnapshot<Object, Object> lenient(JobRecord record, List<String> logs, @Nullable Type input,
			@Nullable Type output) {
		Object data = readLeniently(record.data(), input);
		Object result = (record.result() != null) ? readLeniently(record.result(), output) : null;
		return snapshot(record, logs, data, result);
	}

	private <I, O> JobSnapshot<I, O> snapshot(JobRecord record, List<String> logs, @Nullable I data,
			@Nullable O result) {
		JobState state = record.state();
		Object progress = (record.progress() != null) ? Progress.parse(record.progress(), this.serializer) : null;
		JobTimeline timeline = new JobTimeline(record.timestamp(),
				(record.processedOn() > 0) ? record.processedOn() : null,
				(record.finishedOn() > 0) ? record.finishedOn() : null);
		// The store keeps the last failure's message through a later success; a completed
		// job has none.
		String error = (state == JobState.COMPLETED) ? null : record.error();
		// A job waiting for its retry already carries the number of the run to come.
		int attempt = (state == JobState.RETRYING) ? Math.max(record.attempt() - 1, 0) : record.attempt();
		JobSnapshot.WorkflowLink workflow = (record.workflowId() != null)
				? new JobSnapshot.WorkflowLink(record.workflowId(), record.workflowNode()) : null;
		return new JobSnapshot<>(record.id(), record.task(), state, data, result, error, attempt, record.maxAttempts(),
				record.version(), progress, JobLogs.parse(logs, this.serializer), record.cancelReason(), timeline,
				workflow);
	}

	private @Nullable Object readStrictly(JobRecord record, String json, Type type, String what) {
		try {
			return this.serializer.deserialize(json, type);
		}
		catch (ValidationException ex) {
			throw new ValidationException("The " + what + " of job " + record.id() + " of task '" + record.task()
					+ "' cannot be read as " + type.getTypeName() + ": " + ex.getMessage(), ex);
		}
	}

	private @Nullable Object readLeniently(String json, @Nullable Type type) {
		if (type != null) {
			try {
				return this.serializer.deserialize(json, type);
			}
			catch (ValidationException ex) {
				// Fall through: a payload of another version still shows as what it is.
			}
		}
		try {
			return this.serializer.deserialize(json, Object.class);
		}
		catch (ValidationException notJson) {
			return json;
		}
	}

}
