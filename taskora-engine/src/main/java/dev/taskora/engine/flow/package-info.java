/**
 * Flow control: the dispatch rejections users catch ({@link dev.taskora.engine.flow.ThrottledException},
 * {@link dev.taskora.engine.flow.DuplicateJobException}) and the debounce, throttle and deduplicate
 * options {@link dev.taskora.engine.DispatchOptions} refers to.
 */
@NullMarked
package dev.taskora.engine.flow;

import org.jspecify.annotations.NullMarked;
