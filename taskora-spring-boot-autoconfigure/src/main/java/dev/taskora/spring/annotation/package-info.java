/**
 * Annotations that turn Spring beans into task handlers
 * ({@link dev.taskora.spring.annotation.TaskConsumer}), run their tasks on schedules
 * ({@link dev.taskora.spring.annotation.TaskSchedule}) and listen to events
 * ({@link dev.taskora.spring.annotation.OnTaskEvent}).
 */
@NullMarked
package dev.taskora.spring.annotation;

import org.jspecify.annotations.NullMarked;
