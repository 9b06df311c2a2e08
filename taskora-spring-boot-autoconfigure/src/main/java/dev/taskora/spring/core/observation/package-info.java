/**
 * Micrometer observations of taskora work: {@code taskora.dispatch} around every dispatch
 * through {@link dev.taskora.spring.core.TaskoraTemplate} and {@code taskora.process}
 * around every handler run, with replaceable conventions.
 */
@NullMarked
package dev.taskora.spring.core.observation;

import org.jspecify.annotations.NullMarked;
