package dev.taskora.spring.annotation;

import dev.taskora.engine.contract.Versioning;

/**
 * Declares the payload versions of a {@link TaskConsumer}'s task: a consumer bean
 * implementing it hands its worker the version, the oldest version it still reads, and
 * the migration steps between them (see docs/versioning.md).
 *
 * <pre>{@code
 * &#64;TaskConsumer(contract = Contracts.class, name = "send-email")
 * class SendEmailConsumer implements TaskHandler<Email, Sent>, PayloadMigrations {
 *
 *

&#64;Override
 *     public Versioning versioning() {
 *         return Versioning.ordered(1, List.of(v1 -> ((ObjectNode) v1).put("priority", "normal")));
 *     }
 *
 *     ...
 * }
 * }</pre>
 */
@FunctionalInterface
public interface PayloadMigrations {

	/** The task's versions and migrations; read once, when the consumer is registered. */
	Versioning versioning();

}
