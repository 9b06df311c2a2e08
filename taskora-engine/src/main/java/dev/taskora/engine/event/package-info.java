/**
 * Typed lifecycle events: per task ({@code task.on(EventType.COMPLETED, ...)}) and
 * app-wide ({@code taskora.on(...)}), delivered from every process sharing the store.
 */
@NullMarked
package dev.taskora.engine.event;

import org.jspecify.annotations.NullMarked;
