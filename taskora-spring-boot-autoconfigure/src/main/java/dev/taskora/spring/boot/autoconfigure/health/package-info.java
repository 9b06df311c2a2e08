/**
 * Auto-configuration of taskora's health contributor.
 */
@NullMarked
package dev.taskora.spring.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
