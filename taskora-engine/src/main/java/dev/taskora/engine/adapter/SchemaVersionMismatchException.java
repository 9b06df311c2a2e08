package dev.taskora.engine.adapter;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.TaskoraException;

/**
 * The store was written by a taskora build whose wire format this build cannot read (or
 * that cannot read ours). Thrown by {@link Taskora#start()} before any worker runs;
 * nothing is changed.
 */
public class SchemaVersionMismatchException extends TaskoraException {

	/** Why the versions do not fit. */
	public enum Code {

		/** The store needs a newer build than this one. */
		THEIRS_TOO_NEW,

		/** The store was written by a build too old for this one. */
		THEIRS_TOO_OLD,

		/** The stored record is not a valid version record. */
		INVALID_META;

		/** taskora's code string ({@code "theirs_too_new"} ...). */
		public String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * One side's versions.
	 *
	 * @param wireVersion storage layout version
	 * @param minCompat oldest layout version it can read
	 * @param writtenBy the build that wrote it
	 * @param writtenAt when (epoch ms), 0 if unknown
	 */
	public record Versions(int wireVersion, int minCompat, String writtenBy, long writtenAt) {
	}

	private final Code code;

	private final Versions ours;

	private final Versions theirs;

	public SchemaVersionMismatchException(Code code, Versions ours, Versions theirs, String message) {
		super(message);
		this.code = code;
		this.ours = ours;
		this.theirs = theirs;
	}

	public Code code() {
		return this.code;
	}

	public Versions ours() {
		return this.ours;
	}

	public Versions theirs() {
		return this.theirs;
	}

}
