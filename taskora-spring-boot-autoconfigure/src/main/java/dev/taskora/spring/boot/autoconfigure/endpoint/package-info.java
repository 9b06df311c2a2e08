/**
 * Auto-configuration of the {@code taskora} actuator endpoint.
 */
@NullMarked
package dev.taskora.spring.boot.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
