package dev.taskora.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.job.LogEntry;
import dev.taskora.engine.serialize.Serializer;

/**
 * A job's log as stored: one JSON object per entry,
 * {@code {"level","message","meta","timestamp"}}.
 * <p>
 * Internal, not API.
 */
public final class JobLogs {

	private JobLogs() {
	}

	/**
	 * The stored entries as {@link LogEntry} records, oldest first; lines that are not
	 * objects are skipped.
	 */
	@SuppressWarnings("unchecked")
	public static List<LogEntry> parse(List<String> lines, Serializer serializer) {
		List<LogEntry> entries = new ArrayList<>(lines.size());
		for (String line : lines) {
			Map<String, Object> map = (Map<String, Object>) serializer.deserialize(line, Map.class);
			if (map != null) {
				Object meta = map.get("meta");
				Object timestamp = map.get("timestamp");
				entries.add(new LogEntry(String.valueOf(map.get("level")), String.valueOf(map.get("message")),
						(meta instanceof Map<?, ?> m) ? (Map<String, Object>) m : null,
						(timestamp instanceof Number n) ? n.longValue() : 0));
			}
		}
		return entries;
	}

}
