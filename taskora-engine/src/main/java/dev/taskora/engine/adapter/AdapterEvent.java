package dev.taskora.engine.adapter;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One raw lifecycle event, as written to a task's event stream.
 *
 * @param task the task name
 * @param type the event type
 * @param jobId the job
 * @param fields extra fields of the entry ({@code attempt}, {@code value}, {@code reason}
 * ...)
 */
public record AdapterEvent(String task, WireEvent type, String jobId, Map<String, String> fields) {

	/** An extra field, or {@code null}. */
	public @Nullable String field(String name) {
		return this.fields.get(name);
	}

}
