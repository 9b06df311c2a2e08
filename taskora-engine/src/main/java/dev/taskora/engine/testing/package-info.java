/**
 * Testing without Redis: {@link dev.taskora.engine.testing.TestRunner} runs tasks on the
 * memory adapter under a {@link dev.taskora.engine.testing.VirtualClock}, so delays and
 * retry backoff pass instantly and exactly.
 */
@NullMarked
package dev.taskora.engine.testing;

import org.jspecify.annotations.NullMarked;
