/**
 * Auto-configuration of taskora's Micrometer meters.
 */
@NullMarked
package dev.taskora.spring.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
