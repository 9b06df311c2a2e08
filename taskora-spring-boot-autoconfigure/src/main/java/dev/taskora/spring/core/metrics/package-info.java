/**
 * Micrometer meters for taskora: job outcome counters, handler duration and queue sizes.
 */
@NullMarked
package dev.taskora.spring.core.metrics;

import org.jspecify.annotations.NullMarked;
