/**
 * Reactive dispatching for WebFlux applications, when Reactor is on the classpath.
 */
@NullMarked
package dev.taskora.spring.core.reactive;

import org.jspecify.annotations.NullMarked;
