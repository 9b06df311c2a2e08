package dev.taskora.spring.boot.autoconfigure;

import dev.taskora.engine.Taskora;

/**
 * Adjusts the auto-configured {@link Taskora} before it is built, after {@code taskora.*}
 * properties have been applied. Customizer beans run in
 * {@link org.springframework.core.Ordered order}. With apps under
 * {@code taskora.apps.<name>}, a customizer reaches every app, unless it is qualified
 * with an app's name ({@code @Qualifier("billing")}, or
 * {@code @Qualifier(TaskoraApps.DEFAULT)} for the default app): then it reaches that app
 * alone.
 *
 * <pre>{@code
 * &#64;Bean
 * TaskoraBuilderCustomizer lockTtl() {
 *     return builder -> builder.lockTtl(Duration.ofMinutes(1));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TaskoraBuilderCustomizer {

	/**
	 * Adjusts the builder of an app.
	 * @param builder the builder, with the app's properties applied
	 */
	void customize(Taskora.Builder builder);

}
