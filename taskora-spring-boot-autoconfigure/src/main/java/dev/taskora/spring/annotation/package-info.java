/**
 * Annotations that turn Spring beans into task handlers ({@link dev.taskora.spring.annotation.TaskConsumer})
 * and event listeners ({@link dev.taskora.spring.annotation.OnTaskEvent}).
 */
@NullMarked
package dev.taskora.spring.annotation;

import org.jspecify.annotations.NullMarked;
