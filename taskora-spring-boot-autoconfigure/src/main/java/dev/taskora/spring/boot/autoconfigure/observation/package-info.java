/**
 * Auto-configuration of taskora's Micrometer observations.
 */
@NullMarked
package dev.taskora.spring.boot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
