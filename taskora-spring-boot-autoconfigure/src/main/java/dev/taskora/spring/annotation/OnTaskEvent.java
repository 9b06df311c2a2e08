package dev.taskora.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that listens to taskora events. The method's single parameter selects
 * the event ({@link dev.taskora.engine.event.CompletedEvent},
 * {@link dev.taskora.engine.event.FailedEvent},
 * {@link dev.taskora.engine.event.WorkerReadyEvent} ...); a method without parameters, or
 * with a general one such as {@link dev.taskora.engine.event.TaskEvent}, names the event
 * in {@link #value()}.
 * <p>
 * On a {@link TaskConsumer} bean the method hears its own task; on any other bean it
 * hears the task named in {@link #task()}, or every task when none is named.
 *
 * <pre>{@code
 * &#64;OnTaskEvent
 * void onSent(CompletedEvent event) {
 *     metrics.increment(event.task());
 * }
 *
 *

&#64;OnTaskEvent(task = "send-email")
 * void onFailure(FailedEvent event) { ... }
 *
 * &#64;OnTaskEvent("worker:ready")
 * void ready() { ... }
 * }</pre>
 *
 * Listeners run in order on taskora's event thread; keep them short and non-blocking.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnTaskEvent {

	/**
	 * The event name ({@code completed}, {@code failed}, {@code retrying},
	 * {@code active}, {@code progress}, {@code stalled}, {@code cancelled},
	 * {@code worker:ready}, {@code worker:error}, {@code worker:closing}); empty to take
	 * it from the parameter type.
	 */
	String value() default "";

	/**
	 * The task to listen to (placeholders allowed); empty for the consumer's own task on
	 * a {@link TaskConsumer} bean, or for every task on any other bean.
	 */
	String task() default "";

	/**
	 * The app whose events to listen to: empty for the app of the enclosing consumer (the
	 * default app without one), else the name of one under {@code taskora.apps.<name>}.
	 */
	String app() default "";

}
