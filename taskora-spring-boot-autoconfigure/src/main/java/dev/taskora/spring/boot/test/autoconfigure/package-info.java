/**
 * The {@link dev.taskora.spring.boot.test.autoconfigure.TaskoraTest @TaskoraTest} slice
 * and {@link dev.taskora.spring.boot.test.autoconfigure.TaskoraTestHarness}: consumers
 * tested through the real worker loop on the memory adapter, under virtual time.
 */
@NullMarked
package dev.taskora.spring.boot.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
