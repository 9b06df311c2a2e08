package dev.taskora.engine.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.StallOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TaskWorkerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private Taskora taskora = Taskora.builder().build();

	@AfterEach
	void close() {
		this.taskora.close();
	}

	@Test
	void runsAtMostTheTasksConcurrencyAtOnce() throws Exception {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger peak = new AtomicInteger();
		CountDownLatch gate = new CountDownLatch(1);
		Task<Integer, Integer> task = this.taskora.task("busy", Integer.class, Integer.class)
			.concurrency(3)
			.handler((n, ctx) -> {
				peak.accumulateAndGet(running.incrementAndGet(), Math::max);
				gate.await();
				running.decrementAndGet();
				return n;
			});
		this.taskora.start();
		List<ResultHandle<Integer>> handles = task.dispatchMany(List.of(1, 2, 3, 4, 5, 6, 7, 8));
		await().atMost(WAIT).until(() -> running.get() == 3);
		assertThat(peak).hasValue(3);
		gate.countDown();
		assertThat(handles).extracting(handle -> handle.await(WAIT)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
		assertThat(peak).hasValue(3);
	}

	@Test
	void runsHandlersOnVirtualThreadsWhenTheJvmHasThem() throws Exception {
		boolean available = Runtime.version().feature() >= 21;
		if (!available) {
			assertThatIllegalStateException().isThrownBy(() -> Taskora.builder().virtualThreads(true))
				.withMessageContaining("Java 21");
			return;
		}
		this.taskora.close();
		this.taskora = Taskora.builder().virtualThreads(true).build();
		Task<String, Boolean> task = this.taskora.task("virtual", String.class, Boolean.class)
			.handler((s, ctx) -> (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
		this.taskora.start();
		assertThat(task.dispatch("x").await(WAIT)).isTrue();
	}

	@Test
	void logsAFailureWithItsStackTraceWhenNoFailedListenerExists() {
		ListAppender<ILoggingEvent> appender = captureLogs();
		Task<String, String> task = this.taskora.task("fails", String.class, String.class)
			.retry(Retry.fixed(2, Duration.ofMillis(10)))
			.handler((s, ctx) -> {
				throw new IllegalStateException("Connection refused");
			});
		this.taskora.start();
		ResultHandle<String> handle = task.dispatch("x");
		assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(JobFailedException.class);
		assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
			.anySatisfy(
					message -> assertThat(message).contains("task \"fails\"", handle.id(), "attempt 1/2", "will retry"))
			.anySatisfy(message -> assertThat(message).contains("attempt 2/2", "permanently"));
		assertThat(appender.list)
			.allSatisfy(event -> assertThat(event.getThrowableProxy().getMessage()).isEqualTo("Connection refused"));
	}

	@Test
	void aFailedListenerSilencesTheDefaultLog() {
		ListAppender<ILoggingEvent> appender = captureLogs();
		Task<String, String> task = this.taskora.task("fails", String.class, String.class).handler((s, ctx) -> {
			throw new IllegalStateException("boom");
		});
		AtomicInteger heard = new AtomicInteger();
		task.on(EventType.FAILED, event -> heard.incrementAndGet());
		this.taskora.start();
		assertThatThrownBy(() -> task.dispatch("x").await(WAIT)).isInstanceOf(JobFailedException.class);
		await().atMost(WAIT).until(() -> heard.get() == 1);
		assertThat(appender.list).isEmpty();
	}

	@Test
	void heartbeatsKeepALongJobFromBeingTakenForStalled() throws Exception {
		this.taskora.close();
		// lock 2 s, extended every 667 ms: a busy machine may delay one extension, not
		// three
		this.taskora = Taskora.builder().lockTtl(Duration.ofSeconds(2)).build();
		CountDownLatch neverReleased = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		Task<String, String> task = this.taskora.task("long", String.class, String.class)
			.stall(new StallOptions(Duration.ofMillis(100), 0))
			.handler((s, ctx) -> {
				runs.incrementAndGet();
				// Several lock lifetimes and stall neverReleased pass while this runs.
				neverReleased.await(3_000, TimeUnit.MILLISECONDS);
				return "survived";
			});
		this.taskora.start();
		assertThat(task.dispatch("x").await(WAIT)).isEqualTo("survived");
		assertThat(runs).hasValue(1);
	}

	private static ListAppender<ILoggingEvent> captureLogs() {
		Logger logger = (Logger) LoggerFactory.getLogger(JobRunner.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		return appender;
	}

}
