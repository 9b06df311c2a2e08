package dev.taskora.engine.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.testing.ExecutionResult;
import dev.taskora.engine.testing.TestRunner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The examples of docs/flow-control.md, docs/batch-processing.md and
 * docs/ttl-expiration.md, as written there (live windows shortened so the test is quick).
 */
class FlowDocumentationExamplesTests {

	record Edit(String docId, String text) {
	}

	record Row(String table, Map<String, Object> values) {
	}

	@Test
	void flowControlDebounceExample() {
		Map<String, String> searchIndex = new ConcurrentHashMap<>();
		Taskora taskora = Taskora.builder().adapter(MemoryAdapter.create()).build();
		try {
			Task<Edit, Void> reindex = taskora.task("reindex", Edit.class, Void.class).handler((edit, ctx) -> {
				searchIndex.put(edit.docId(), edit.text());
				return null;
			});
			taskora.start();

			DispatchOptions debounced = DispatchOptions.builder()
				.debounce(new Debounce("reindex:doc-1", Duration.ofMillis(200)))
				.build();
			reindex.dispatch(new Edit("doc-1", "draft"), debounced);
			reindex.dispatch(new Edit("doc-1", "draft, edited"), debounced);
			ResultHandle<Void> last = reindex.dispatch(new Edit("doc-1", "final"), debounced);
			last.await(Duration.ofSeconds(10));
			assertThat(searchIndex).containsExactly(Map.entry("doc-1", "final"));
		}
		finally {
			taskora.close();
		}
	}

	@Test
	void flowControlTestingExample() {
		try (TestRunner runner = TestRunner.create()) {
			List<String> indexed = new ArrayList<>();
			Task<String, Void> reindex = runner.app().task("reindex", String.class, Void.class).handler((text, ctx) -> {
				indexed.add(text);
				return null;
			});
			DispatchOptions debounced = DispatchOptions.builder()
				.debounce(new Debounce("doc-1", Duration.ofSeconds(2)))
				.build();
			runner.dispatch(reindex, "v1", debounced);
			runner.dispatch(reindex, "v2", debounced);
			runner.advanceTime(Duration.ofSeconds(2));
			assertThat(indexed).containsExactly("v2");
		}
	}

	@Test
	void batchProcessingExample() {
		List<List<Row>> inserted = new CopyOnWriteArrayList<>();
		Taskora taskora = Taskora.builder().adapter(MemoryAdapter.create()).build();
		try {
			Task<Row, Integer> batchInsert = taskora.task("batch-insert", Row.class, Integer.class)
				.retry(Retry.fixed(3, Duration.ofSeconds(1)))
				.collect(Collect.byKey("db-inserts", Duration.ofMillis(200))
					.maxSize(100)
					.maxWait(Duration.ofSeconds(10)))
				.handler((rows, ctx) -> {
					ctx.log().info("inserting " + rows.size() + " rows");
					inserted.add(List.copyOf(rows));
					return rows.size();
				});
			taskora.start();

			batchInsert.dispatch(new Row("events", Map.of("type", "click")));
			batchInsert.dispatch(new Row("events", Map.of("type", "view")));
			await().atMost(Duration.ofSeconds(10)).until(() -> !inserted.isEmpty());
			assertThat(inserted).containsExactly(
					List.of(new Row("events", Map.of("type", "click")), new Row("events", Map.of("type", "view"))));
		}
		finally {
			taskora.close();
		}
	}

	@Test
	void batchProcessingTestingExample() {
		try (TestRunner runner = TestRunner.create()) {
			List<List<String>> batches = new ArrayList<>();
			Task<String, Integer> names = runner.app()
				.task("names", String.class, Integer.class)
				.collect(Collect.byKey("db-inserts", Duration.ofSeconds(2)))
				.handler((items, ctx) -> {
					batches.add(items);
					return items.size();
				});

			runner.dispatch(names, "Alice");
			runner.dispatch(names, "Bob");
			List<ExecutionResult<Integer>> flushed = runner.flush(names, "db-inserts");
			assertThat(batches).containsExactly(List.of("Alice", "Bob"));
			assertThat(flushed.get(0).result()).isEqualTo(2);
			runner.dispatch(names, "Carol");
			runner.advanceTime(Duration.ofSeconds(2));
			assertThat(batches).containsExactly(List.of("Alice", "Bob"), List.of("Carol"));
			Integer size = runner.runBatch(names, List.of("x", "y"));
			assertThat(size).isEqualTo(2);
		}
	}

	@Test
	void ttlTestingExample() {
		try (TestRunner runner = TestRunner.create()) {
			Task<String, String> echo = runner.app().task("echo", String.class, String.class).handler((s, ctx) -> s);
			ResultHandle<String> stale = runner.dispatch(echo, "late",
					DispatchOptions.builder().ttl(Duration.ofSeconds(1)).delay(Duration.ofSeconds(5)).build());
			runner.advanceTime(Duration.ofSeconds(5));
			assertThat(stale.state()).isEqualTo(JobState.EXPIRED);
		}
	}

	record Quote(String symbol) {
	}

	record Report(String user) {
	}

	@Test
	void flowControlThrottleExample() {
		Taskora taskora = Taskora.builder().adapter(MemoryAdapter.create()).build();
		try {
			Task<Quote, Quote> fetchQuote = taskora.task("fetch-quote", Quote.class, Quote.class).register();
			List<Boolean> admitted = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				// the page's example, with a window of 2 so that the third is refused
				ResultHandle<Quote> handle = fetchQuote.dispatch(new Quote("ACME"),
						DispatchOptions.builder()
							.throttle(new Throttle("partner-api", 2, Duration.ofMinutes(1)))
							.build());
				admitted.add(handle.awaitEnqueued(Duration.ofSeconds(5)).enqueued().join());
			}
			assertThat(admitted).containsExactly(true, true, false);
			assertThat(taskora.inspect().stats("fetch-quote").waiting()).isEqualTo(2);
		}
		finally {
			taskora.close();
		}
	}

	@Test
	void flowControlDeduplicateExample() {
		Taskora taskora = Taskora.builder().adapter(MemoryAdapter.create()).build();
		try {
			Task<Report, Report> generateReport = taskora.task("generate-report", Report.class, Report.class)
				.handler((request, ctx) -> request);
			String userId = "7";
			ResultHandle<Report> first = generateReport
				.dispatch(new Report(userId),
						DispatchOptions.builder().deduplicate(new Deduplicate("report:" + userId)).build())
				.awaitEnqueued(Duration.ofSeconds(5));
			// the page's example: the second request finds the first on its way and waits
			// for it
			ResultHandle<Report> handle = generateReport
				.dispatch(new Report(userId),
						DispatchOptions.builder().deduplicate(new Deduplicate("report:" + userId)).build())
				.awaitEnqueued(Duration.ofSeconds(5));
			assertThat(first.enqueued().join()).isTrue();
			assertThat(handle.enqueued().join()).isFalse();
			assertThat(handle.existingId()).isEqualTo(first.id());
			taskora.start();
			Report report = generateReport.handle(handle.existingId()).await(Duration.ofMinutes(1));
			assertThat(report).isEqualTo(new Report(userId));
		}
		finally {
			taskora.close();
		}
	}

	@Test
	void flowControlThrowOnRejectExample() {
		Taskora taskora = Taskora.builder().adapter(MemoryAdapter.create()).build();
		try {
			Task<Edit, Void> sendEmail = taskora.task("send-email", Edit.class, Void.class).register();
			DispatchOptions options = DispatchOptions.builder()
				.throttle(new Throttle("emails", 1, Duration.ofHours(1)))
				.throwOnReject(true)
				.build();
			sendEmail.dispatch(new Edit("a", "hi"), options).awaitEnqueued(Duration.ofSeconds(5));
			ThrottledException refused = null;
			try {
				sendEmail.dispatch(new Edit("a", "again"), options).awaitEnqueued(Duration.ofSeconds(5));
			}
			catch (ThrottledException ex) {
				refused = ex;
			}
			assertThat(refused).isNotNull();
			assertThat(refused.key()).isEqualTo("emails");
		}
		finally {
			taskora.close();
		}
	}

}
