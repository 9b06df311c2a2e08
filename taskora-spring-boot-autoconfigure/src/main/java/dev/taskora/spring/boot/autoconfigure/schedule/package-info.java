/**
 * Auto-configuration of schedules: the {@link dev.taskora.engine.schedule.Schedules}
 * bean, the schedules of {@code taskora.schedules.*}, and the analysis of a schedule that
 * cannot be defined.
 */
@NullMarked
package dev.taskora.spring.boot.autoconfigure.schedule;

import org.jspecify.annotations.NullMarked;
