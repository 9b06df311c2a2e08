package dev.taskora.engine.adapter;

import java.util.Locale;

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
			return name().toLowerCase(Locale.ROOT);
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

	/**
	 * Creates the exception from the versions both sides wrote.
	 * @param code why the versions do not fit
	 * @param ours this build's versions
	 * @param theirs the versions stored in the store
	 * @param message a message naming both builds
	 */
	public SchemaVersionMismatchException(Code code, Versions ours, Versions theirs, String message) {
		super(message);
		this.code = code;
		this.ours = ours;
		this.theirs = theirs;
	}

	/**
	 * Why the versions do not fit, e.g. to tell "upgrade this service" from "the store is
	 * corrupt".
	 * @return the reason
	 */
	public Code code() {
		return this.code;
	}

	/**
	 * The versions of this build.
	 * @return our versions
	 */
	public Versions ours() {
		return this.ours;
	}

	/**
	 * The versions recorded in the store by the build that wrote it.
	 * @return their versions
	 */
	public Versions theirs() {
		return this.theirs;
	}

}
