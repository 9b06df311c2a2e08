/**
 * Contracts and payload versions: a {@link dev.taskora.engine.contract.TaskContract}
 * declares a task (name, types, shared defaults) without its handler, so that a producer
 * registers it and a worker implements it ({@code taskora.register(contract)},
 * {@code taskora.implement(contract, handler)});
 * {@link dev.taskora.engine.contract.Versioning} and
 * {@link dev.taskora.engine.contract.MigrationStep} let a task's payload evolve while old
 * jobs are still queued. {@code PayloadGate} (the worker's version check, migrations and
 * Bean Validation) and {@code BeanValidation} are internal.
 */
@NullMarked
package dev.taskora.engine.contract;

import org.jspecify.annotations.NullMarked;
