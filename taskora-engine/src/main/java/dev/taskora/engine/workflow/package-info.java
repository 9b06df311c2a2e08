/**
 * Workflows: task invocations ({@link dev.taskora.engine.workflow.Signature}) composed
 * into chains, groups and chords ({@link dev.taskora.engine.workflow.Workflows}),
 * flattened to a graph of jobs that the store advances as each job completes, and
 * followed through a {@link dev.taskora.engine.workflow.WorkflowHandle}. The flattening,
 * dispatch and advancing logic is package-private.
 */
@NullMarked
package dev.taskora.engine.workflow;

import org.jspecify.annotations.NullMarked;
