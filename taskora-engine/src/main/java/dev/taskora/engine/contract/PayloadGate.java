package dev.taskora.engine.contract;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;

import dev.taskora.engine.ValidationException;
import dev.taskora.engine.serialize.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * What a worker does with a claimed job's payload before its handler sees it, as
 * taskora's worker does: compare the job's version ({@code _v}) with the task's, migrate
 * an older payload step by step on its JSON tree, and validate the input (Bean
 * Validation) after migration.
 * <p>
 * <strong>Internal, not API:</strong> public for the worker only.
 */
public final class PayloadGate {

	private PayloadGate() {
	}

	/** What to do with a job of some payload version. */
	public enum Verdict {

		/** Migrate if older, then run. */
		RUN,

		/** Newer than this worker: hand it back untouched for a newer worker. */
		HAND_BACK,

		/** Older than {@code since}: no migration reads it any more; fail it. */
		TOO_OLD

	}

	/** The verdict on a job of {@code jobVersion} for a task at {@code versioning}. */
	public static Verdict verdict(Versioning versioning, int jobVersion) {
		if (jobVersion > versioning.version()) {
			return Verdict.HAND_BACK;
		}
		if (jobVersion < versioning.since()) {
			return Verdict.TOO_OLD;
		}
		return Verdict.RUN;
	}

	/** The permanent failure of a job below {@code since}, in taskora's words. */
	public static ValidationException tooOld(int jobVersion, Versioning versioning) {
		return new ValidationException("Job version " + jobVersion + " is below minimum supported version "
				+ versioning.since() + " \u2014 migration no longer available");
	}

	/**
	 * Migrates a stored payload from {@code jobVersion} up to the task's version and
	 * stores it back as text; unchanged when there is nothing to run.
	 * @throws ValidationException naming the job, the task and the step that failed
	 * (permanent)
	 */
	public static String migrate(Serializer serializer, String task, String jobId, Versioning versioning, String data,
			int jobVersion) {
		Map<Integer, MigrationStep> steps = versioning.steps().subMap(jobVersion, true, versioning.version(), false);
		if (steps.isEmpty()) {
			return data;
		}
		JsonNode tree;
		try {
			tree = (JsonNode) serializer.deserialize(data, JsonNode.class);
		}
		catch (ValidationException | ClassCastException ex) {
			throw new ValidationException("Job " + jobId + " of task '" + task + "' has a v" + jobVersion
					+ " payload that cannot be read as JSON for its migrations: " + ex.getMessage(), ex);
		}
		for (Map.Entry<Integer, MigrationStep> step : steps.entrySet()) {
			int from = step.getKey();
			try {
				tree = step.getValue().migrate((tree != null) ? tree : NullNode.getInstance());
			}
			catch (RuntimeException ex) {
				throw new ValidationException("Migration of job " + jobId + " of task '" + task
						+ "' failed at the step from v" + from + " to v" + (from + 1) + ": "
						+ ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName()), ex);
			}
			if (tree == null) {
				throw new ValidationException("Migration of job " + jobId + " of task '" + task
						+ "' failed at the step from v" + from + " to v" + (from + 1) + ": the step returned null");
			}
		}
		return serializer.serialize(tree);
	}

	/**
	 * Whether a task whose handler takes {@code type} accepts a job without data (JSON
	 * {@code null}, or an empty {@code data} field): only {@code Void}, {@code Object},
	 * {@code Optional} and Jackson's {@code JsonNode}, where "no data" has a meaning.
	 * Every other input type refuses it: a handler of a record, a string or a number
	 * never sees {@code null}.
	 */
	public static boolean acceptsNull(Type type) {
		Type raw = (type instanceof ParameterizedType parameterized) ? parameterized.getRawType() : type;
		if (!(raw instanceof Class<?> cls)) {
			// a type variable or a wildcard: nothing is known to refuse
			return true;
		}
		return cls == Void.class || cls == void.class || cls == Object.class || cls == Optional.class
				|| JsonNode.class.isAssignableFrom(cls);
	}

	/**
	 * Refuses a {@code null} payload handed to a task (a dispatch, an inline run) whose
	 * input type does not {@linkplain #acceptsNull(Type) accept} it.
	 * @throws ValidationException naming the task and its input type
	 */
	public static void checkPayload(@Nullable Object data, String task, Type inputType) {
		if (data == null && !acceptsNull(inputType)) {
			throw new ValidationException(
					"Payload of task '" + task + "' is null, but its input type " + inputType.getTypeName()
							+ " does not accept null (declare Void, Object, Optional or JsonNode to run without data)");
		}
	}

	/**
	 * The decoded input of a job, checked for presence: {@code data} as it is, unless it
	 * is {@code null} for a task that does not {@linkplain #acceptsNull(Type) accept}
	 * that.
	 * @throws ValidationException naming the job, the task and the field (permanent)
	 */
	public static @Nullable Object present(@Nullable Object data, String task, String jobId, Type inputType) {
		if (data == null && !acceptsNull(inputType)) {
			throw new ValidationException("Job " + jobId + " of task '" + task + "' cannot be run: field 'data' "
					+ "holds no value (JSON null), and the task's input type " + inputType.getTypeName()
					+ " does not accept null (declare Void, Object, Optional or JsonNode to accept jobs without data)");
		}
		return data;
	}

}
