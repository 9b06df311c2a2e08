/**
 * Engine internals shared by the engine's packages: the runtime every task, handle and
 * worker reads its services from, event routing, the wire-event codec, result waiters and
 * argument checks.
 * <p>
 * <strong>Internal, not API:</strong> public only so that sibling packages reach it; it
 * changes without notice and applications (and the Spring module) never use it.
 */
@NullMarked
package dev.taskora.engine.internal;

import org.jspecify.annotations.NullMarked;
