package dev.taskora.spring.boot.autoconfigure;

import dev.taskora.engine.Taskora;

/**
 * Adjusts the auto-configured {@link Taskora} before it is built, after {@code taskora.*}
 * properties have been applied. Customizer beans run in
 * {@link org.springframework.core.Ordered order}.
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
	 * Changes the builder before the app is built, e.g. to add middleware.
	 * @param builder the builder, already configured from {@code taskora.*} properties
	 */
	void customize(Taskora.Builder builder);

}
