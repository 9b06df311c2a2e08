package dev.taskora.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean implementing {@link dev.taskora.engine.TaskHandler TaskHandler&lt;I,
 * O&gt;} as the handler of a task. The input and output types come from the implemented
 * interface; options are attributes, each a string that may hold a {@code ${...}}
 * placeholder. An empty attribute keeps the app default ({@code taskora.defaults.*}).
 *
 * <pre>{@code
 * &#64;TaskConsumer(name = "send-email", concurrency = "${mail.concurrency:10}", timeout = "30s",
 *         retryAttempts = "3", retryBackoff = "exponential", retryDelay = "1s")
 * class SendEmailConsumer implements TaskHandler<Email, Sent> {
 *
 *     private final Mailer mailer;
 *
 *     SendEmailConsumer(Mailer mailer) {
 *         this.mailer = mailer;
 *     }
 *
 *

&#64;Override
 *     public Sent handle(Email email, JobContext ctx) {
 *         return this.mailer.send(email);
 *     }
 *
 * }
 * }</pre>
 *
 * A consumer with {@code collectDelay} runs its dispatches in batches: it implements
 * {@code TaskHandler<List<I>, O>}, items of type {@code I} are dispatched one by one and
 * buffered per key, and the handler receives each batch in dispatch order (see
 * docs/batch-processing.md):
 *
 * <pre>{@code @TaskConsumer(name =
 * "batch-insert", collectKey = "db-inserts", collectDelay = "2s", collectMaxSize = "100")
 * class BatchInsertConsumer implements TaskHandler<List<Row>, Integer> {
 *
 *
&#64;Override
 *     public Integer handle(List<Row> rows, JobContext ctx) {
 *         return this.database.insertAll(rows);
 *     }
 *
 * }
 * }</pre>
 *
 * On a method, like {@code @KafkaListener}, it makes one bean host several small
 * handlers. Each method handles one task: a {@link dev.taskora.engine.JobContext
 * JobContext} parameter receives the job's context, the one other parameter (if any) the
 * payload, whose declared type is the task's input; the return value is the job's result
 * ({@code void} for none):
 *
 * <pre>{@code
 * &#64;Component
 * class NotificationConsumers {
 *
 *     &#64;TaskConsumer(name = "send-sms", concurrency = "5")
 *     Receipt sendSms(Sms sms, JobContext ctx) {
 *         ...
 *     }
 *
 *
&#64;TaskConsumer(name = "purge-outbox", autoStartup = "${outbox.purge:false}")
 *     void purgeOutbox() {
 *         ...
 *     }
 *
 * }
 * }</pre>
 *
 * Each consumer is a container in the
 * {@link dev.taskora.spring.core.TaskConsumerRegistry} under its {@link #id()}, paused
 * and resumed there (or through the {@code taskoraconsumers} actuator endpoint) while the
 * rest of the app works on.
 * <p>
 * On a class the annotation is a {@link Component} stereotype, so component scanning
 * picks consumers up (the task name is not the bean name). A class consumer that also
 * implements {@link dev.taskora.engine.CancelHook CancelHook&lt;I&gt;} has its
 * {@code onCancel} run when an active job is cancelled, after the handler stopped.
 * Consumers are singletons: a scoped consumer (request, prototype, a scoped proxy) is
 * refused at startup, and a {@code @Lazy} one is created at startup anyway, since it
 * handles jobs from then on. The task is registered once every singleton is instantiated;
 * its worker starts with the application context and drains on shutdown.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface TaskConsumer {

	/** Alias for {@link #name()}. */
	@AliasFor("name")
	String value() default "";

	/** The task name; optional with a {@link #contract()} holding one contract. */
	@AliasFor("value")
	String name() default "";

	/**
	 * A class holding the task's {@link dev.taskora.engine.contract.TaskContract} as a
	 * {@code public static final} constant: the one named {@link #name()}, or the only
	 * one. The consumer then implements the contract ({@code taskora.implement}): its
	 * defaults (retry, timeout, stall, version) apply under the attributes here, and a
	 * handler whose types differ from the contract's fails startup naming the contract.
	 * Without this attribute, a {@code TaskContract} bean of the task's name is
	 * implemented the same way.
	 *
	 * <pre>{@code
	 * &#64;TaskConsumer(contract = Contracts.class, name = "send-email", concurrency = "4")
	 * class SendEmailConsumer implements TaskHandler<Email, Sent> { ... }
	 *
	 * // or on a method: its payload and return types are checked the same way
	 * &#64;TaskConsumer(contract = Contracts.class, name = "send-email")
	 * Sent send(Email email) { ... }
	 * }</pre>
	 */
	Class<?> contract() default void.class;

	/** Max jobs of this task one worker runs at once (a whole number of at least 1). */
	String concurrency() default "";

	/**
	 * Whether the handler never blocks ({@code "true"} or {@code "false"}): it then runs
	 * where its jobs arrive, on the store client's I/O thread, instead of on a handler
	 * thread, two thread switches fewer per job. No I/O, no waiting, no sleep inside it;
	 * nothing interrupts it (see {@code TaskBuilder.nonBlocking}).
	 */
	String nonBlocking() default "";

	/**
	 * Handler timeout ({@code "30s"}, {@code "5m"}, {@code "PT30S"}); {@code "0"} or
	 * {@code "none"} for no timeout.
	 */
	String timeout() default "";

	/** Total runs including the first (at least 1); {@code "1"} disables retries. */
	String retryAttempts() default "";

	/**
	 * How the retry delay grows: {@code fixed}, {@code exponential} or {@code linear}.
	 */
	String retryBackoff() default "";

	/** Base delay before a retry ({@code "1s"}). */
	String retryDelay() default "";

	/** Cap on a single retry delay ({@code "1m"}). */
	String retryMaxDelay() default "";

	/** Whether retry delays vary by ±25% ({@code "true"} or {@code "false"}). */
	String retryJitter() default "";

	/** If not empty, only these exception types are retried. */
	Class<? extends Throwable>[] retryOn() default {};

	/** These exception types are never retried. */
	Class<? extends Throwable>[] noRetryOn() default {};

	/** Time between stall sweeps ({@code "30s"}). */
	String stallInterval() default "";

	/** Stalls tolerated before a job fails (0 fails the first stall). */
	String stallMaxCount() default "";

	/**
	 * Whether only one job of this task may be active at a time, across every worker and
	 * process ({@code "true"} or {@code "false"}).
	 */
	String singleton() default "";

	/**
	 * Default time-to-live of a job before it starts ({@code "1h"}); a job still waiting
	 * after it expires instead of running. A dispatch's {@code ttl} overrides it.
	 */
	String ttl() default "";

	/**
	 * What happens to a job whose TTL passed: {@code fail} keeps it as {@code expired}
	 * (the default), {@code discard} deletes it.
	 */
	String onExpire() default "";

	/**
	 * Default max active jobs per concurrency key (a whole number of at least 1), for
	 * dispatches that name a {@code concurrencyKey} without a limit.
	 */
	String concurrencyLimit() default "";

	/**
	 * The collect buffer every item goes to. Required for a collect consumer, unless the
	 * bean implements {@link CollectKeyResolver} to derive the key from each item.
	 */
	String collectKey() default "";

	/**
	 * Makes this a collect consumer: a batch runs this long after its newest item
	 * ({@code "2s"}). The bean then implements {@code TaskHandler<List<I>, O>}.
	 */
	String collectDelay() default "";

	/**
	 * A batch runs at once when the buffer holds this many items (a whole number of at
	 * least 1).
	 */
	String collectMaxSize() default "";

	/** A batch runs at the latest this long after its oldest item ({@code "10s"}). */
	String collectMaxWait() default "";

	/**
	 * The id of this consumer's container in the
	 * {@link dev.taskora.spring.core.TaskConsumerRegistry} and the actuator; empty for
	 * the task name ({@code <app>:<task>} for a task of a named app).
	 */
	String id() default "";

	/**
	 * Whether the consumer's worker starts with the application ({@code "true"}, the
	 * default, or {@code "false"}): if not, its jobs wait until it is resumed through the
	 * registry or the actuator.
	 */
	String autoStartup() default "";

	/**
	 * Payload version stamped on dispatched jobs (a whole number of at least 1; default
	 * 1).
	 */
	String version() default "";

	/**
	 * The app the task belongs to: empty for the default app, else the name of one under
	 * {@code taskora.apps.<name>}.
	 */
	String app() default "";

}
