/**
 * Flow control: the debounce, throttle and deduplicate options
 * {@link dev.taskora.engine.DispatchOptions} refers to and the rejections users catch
 * ({@link dev.taskora.engine.flow.ThrottledException},
 * {@link dev.taskora.engine.flow.DuplicateJobException}); batching single dispatches with
 * {@link dev.taskora.engine.flow.Collect} and reading a collect buffer
 * ({@link dev.taskora.engine.flow.CollectInfo}). {@code FlowDispatch} is the
 * dispatch-time logic behind them, internal.
 */
@NullMarked
package dev.taskora.engine.flow;

import org.jspecify.annotations.NullMarked;
