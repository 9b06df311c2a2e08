/**
 * The benchmark suite: taskora's five benchmarks (enqueue one by one, enqueue in batches,
 * process with concurrency 1 and 100, dispatch-to-handler latency) run against a real
 * Redis through the public engine API. Entry point {@link dev.taskora.bench.BenchMain}.
 */
@NullMarked
package dev.taskora.bench;

import org.jspecify.annotations.NullMarked;
