/**
 * The runtime side of taskora in Spring:
 * {@link dev.taskora.spring.core.TaskoraOperations} and its template for producing work,
 * job snapshots, and the worker lifecycle.
 */
@NullMarked
package dev.taskora.spring.core;

import org.jspecify.annotations.NullMarked;
