/**
 * Micrometer meters for taskora: job outcome counters and queue sizes per task, fed by
 * the app's events and the store.
 */
@NullMarked
package dev.taskora.spring.core.metrics;

import org.jspecify.annotations.NullMarked;
