/**
 * The public API: {@link dev.taskora.engine.Taskora} (the app),
 * {@link dev.taskora.engine.Task}, dispatch with {@link dev.taskora.engine.ResultHandle},
 * {@link dev.taskora.engine.JobContext}, retry configuration and the error hierarchy
 * rooted at {@link dev.taskora.engine.TaskoraException}.
 */
@NullMarked
package dev.taskora.engine;

import org.jspecify.annotations.NullMarked;
