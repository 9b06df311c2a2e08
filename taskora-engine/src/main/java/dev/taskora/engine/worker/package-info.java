/**
 * Workers: one {@link dev.taskora.engine.worker.TaskWorker} per task claims jobs and runs
 * them through {@link dev.taskora.engine.worker.JobRunner}, which applies middleware,
 * timeouts, cancellation and the retry decision, then settles the job in one adapter
 * call.
 */
@NullMarked
package dev.taskora.engine.worker;

import org.jspecify.annotations.NullMarked;
