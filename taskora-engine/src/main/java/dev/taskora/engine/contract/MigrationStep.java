package dev.taskora.engine.contract;

import tools.jackson.databind.JsonNode;

/**
 * One step of a task's payload migrations: turns the JSON tree of a payload at one
 * version into the tree at the next. Steps run on the worker, oldest first, before the
 * payload is read as the input type and validated; a step that throws fails that job
 * (permanently, naming the step).
 *
 * <pre>{@code
 * MigrationStep addPriority = data -> ((ObjectNode) data).put("priority", "normal");
 * }</pre>
 */
@FunctionalInterface
public interface MigrationStep {

	/**
	 * Migrates one payload; may change {@code data} in place and return it, or return a
	 * new tree.
	 * @param data the payload as written by a producer of the previous version
	 */
	JsonNode migrate(JsonNode data);

}
