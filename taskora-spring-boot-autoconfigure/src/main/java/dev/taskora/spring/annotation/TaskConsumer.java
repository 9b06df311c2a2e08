package dev.taskora.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean implementing {@link dev.taskora.engine.TaskHandler TaskHandler&lt;I, O&gt;} as the
 * handler of a task. The input and output types come from the implemented interface; options are
 * attributes, each a string that may hold a {@code ${...}} placeholder. An empty attribute keeps the
 * app default ({@code taskora.defaults.*}).
 *
 * <pre>{@code
 * @TaskConsumer(name = "send-email", concurrency = "${mail.concurrency:10}", timeout = "30s",
 *         retryAttempts = "3", retryBackoff = "exponential", retryDelay = "1s")
 * class SendEmailConsumer implements TaskHandler<Email, Sent> {
 *
 *     private final Mailer mailer;
 *
 *     SendEmailConsumer(Mailer mailer) {
 *         this.mailer = mailer;
 *     }
 *
 *     @Override
 *     public Sent handle(Email email, JobContext ctx) {
 *         return this.mailer.send(email);
 *     }
 *
 * }
 * }</pre>
 *
 * The annotation is a {@link Component} stereotype, so component scanning picks consumers up (the
 * task name is not the bean name). The task is registered once every singleton is instantiated;
 * its worker starts with the application context and drains on shutdown.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface TaskConsumer {

	/** Alias for {@link #name()}. */
	@AliasFor("name")
	String value() default "";

	/** The task name. */
	@AliasFor("value")
	String name() default "";

	/** Max jobs of this task one worker runs at once (a whole number of at least 1). */
	String concurrency() default "";

	/**
	 * Handler timeout ({@code "30s"}, {@code "5m"}, {@code "PT30S"}); {@code "0"} or
	 * {@code "none"} for no timeout.
	 */
	String timeout() default "";

	/** Total runs including the first (at least 1); {@code "1"} disables retries. */
	String retryAttempts() default "";

	/** How the retry delay grows: {@code fixed}, {@code exponential} or {@code linear}. */
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

}
