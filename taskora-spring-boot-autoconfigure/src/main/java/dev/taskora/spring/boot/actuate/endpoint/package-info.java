/**
 * The {@code taskora} actuator endpoint: tasks and per-state counts, job lookup, retry
 * and cancel.
 */
@NullMarked
package dev.taskora.spring.boot.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
