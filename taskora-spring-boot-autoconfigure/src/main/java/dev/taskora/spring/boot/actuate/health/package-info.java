/**
 * Actuator health of taskora.
 */
@NullMarked
package dev.taskora.spring.boot.actuate.health;

import org.jspecify.annotations.NullMarked;
