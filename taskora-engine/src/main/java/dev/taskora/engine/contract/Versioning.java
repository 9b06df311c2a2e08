package dev.taskora.engine.contract;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A task's payload versions (taskora's {@code version}, {@code since} and
 * {@code migrate}): producers stamp every job with {@code version} ({@code _v}); a worker
 * hands a job of a newer version back untouched for a newer worker, fails a job older
 * than {@code since} permanently, and runs the steps from the job's version up to its own
 * before reading the payload.
 * <p>
 * {@code steps} is keyed by the version a step migrates <em>from</em>: key 3 turns a v3
 * payload into v4. A version without a step passes through unchanged (an added field with
 * a default needs none).
 *
 * @param version the version stamped on dispatched jobs, at least 1
 * @param since the oldest job version a worker still reads, from 1 up to {@code version}
 * @param steps version migrated from to its step, each key from {@code since} to
 * {@code version - 1}
 */
public record Versioning(int version, int since, NavigableMap<Integer, MigrationStep> steps) {

	/** Version 1, nothing to migrate. */
	public static final Versioning INITIAL = new Versioning(1, 1, new TreeMap<>());

	/**
	 * Creates the versions of a task; the steps are copied into an unmodifiable map.
	 * @throws IllegalArgumentException if {@code version} is below 1, {@code since} is
	 * not between 1 and {@code version}, or a step is {@code null} or starts outside
	 * {@code since} to {@code version - 1}
	 */
	public Versioning {
		if (version < 1) {
			throw new IllegalArgumentException("version must be at least 1, was " + version);
		}
		if (since < 1 || since > version) {
			throw new IllegalArgumentException(
					"since must be between 1 and the version (" + version + "), was " + since);
		}
		TreeMap<Integer, MigrationStep> copy = new TreeMap<>();
		steps.forEach((from, step) -> {
			if (from < since || from >= version) {
				throw new IllegalArgumentException("migration step from v" + from + " is outside since (" + since
						+ ") to version - 1 (" + (version - 1) + ")");
			}
			if (step == null) {
				throw new IllegalArgumentException("migration step from v" + from + " must not be null");
			}
			copy.put(from, step);
		});
		steps = Collections.unmodifiableNavigableMap(copy);
	}

	/** Only a version stamped on jobs, every older job read as it is. */
	public static Versioning of(int version) {
		return new Versioning(version, 1, new TreeMap<>());
	}

	/**
	 * The ordered form (taskora's tuple): {@code steps.get(0)} migrates {@code since} to
	 * {@code since + 1}, and so on; the version is {@code since + steps.size()}.
	 */
	public static Versioning ordered(int since, List<MigrationStep> steps) {
		TreeMap<Integer, MigrationStep> byVersion = new TreeMap<>();
		for (int i = 0; i < steps.size(); i++) {
			byVersion.put(since + i, steps.get(i));
		}
		return new Versioning(since + steps.size(), since, byVersion);
	}

	/**
	 * The sparse form (taskora's record): {@code steps} keyed by the version a step
	 * migrates from; versions without a step pass through.
	 */
	public static Versioning sparse(int version, int since, Map<Integer, MigrationStep> steps) {
		return new Versioning(version, since, new TreeMap<>(steps));
	}

	/** How many migration steps there are. */
	public int migrations() {
		return this.steps.size();
	}

}
