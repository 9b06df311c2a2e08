/**
 * Delivery of taskora events to Spring bean methods annotated with
 * {@link dev.taskora.spring.annotation.OnTaskEvent}.
 */
@NullMarked
package dev.taskora.spring.event;

import org.jspecify.annotations.NullMarked;
