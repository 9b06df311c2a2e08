package dev.taskora.spring.boot.test.autoconfigure.slice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.event.CompletedEvent;
import dev.taskora.spring.annotation.OnTaskEvent;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.core.TaskoraOperations;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

/** The application a {@code @TaskoraTest} slice finds and filters. */
@SpringBootApplication
public class SliceTestApplication {

	/** A collaborator the slice does not scan: tests import it. */
	@Service
	public static class Invoicing {

		final List<String> issued = new CopyOnWriteArrayList<>();

		String issue(String customer) {
			this.issued.add(customer);
			return "INV-" + customer;
		}

	}

	/** Issues an invoice, reporting progress and logs. */
	@TaskConsumer("invoice")
	public static class InvoiceConsumer implements TaskHandler<String, String> {

		private final Invoicing invoicing;

		final List<CompletedEvent> completed = new CopyOnWriteArrayList<>();

		InvoiceConsumer(Invoicing invoicing) {
			this.invoicing = invoicing;
		}

		@Override
		public String handle(String customer, JobContext ctx) {
			ctx.log().info("issuing for " + customer);
			ctx.progress(100);
			return this.invoicing.issue(customer);
		}

		@OnTaskEvent
		void onCompleted(CompletedEvent event) {
			this.completed.add(event);
		}

	}

	/** Takes an order and dispatches its shipment as a follow-up job. */
	@TaskConsumer("order")
	public static class OrderConsumer implements TaskHandler<String, String> {

		private final TaskoraOperations taskora;

		OrderConsumer(TaskoraOperations taskora) {
			this.taskora = taskora;
		}

		@Override
		public String handle(String order, JobContext ctx) {
			this.taskora.dispatch("ship", order).enqueued().join();
			return "ordered " + order;
		}

	}

	/** Ships an order: two hours of work, with a one-hour timeout. */
	@TaskConsumer(name = "ship", timeout = "1h")
	public static class ShipConsumer implements TaskHandler<String, String> {

		final AtomicInteger running = new AtomicInteger();

		final List<String> started = new CopyOnWriteArrayList<>();

		final List<String> interrupted = new CopyOnWriteArrayList<>();

		@Override
		public String handle(String order, JobContext ctx) throws InterruptedException {
			this.running.incrementAndGet();
			this.started.add(order);
			try {
				// Simulated slow work; a timeout or a shutdown interrupts it.
				TimeUnit.HOURS.sleep(2);
				return "shipped " + order;
			}
			catch (InterruptedException ex) {
				this.interrupted.add(order);
				throw ex;
			}
			finally {
				this.running.decrementAndGet();
			}
		}

	}

	/** Fails twice with a one-hour backoff, then succeeds. */
	@TaskConsumer(name = "sync", retryAttempts = "3", retryBackoff = "fixed", retryDelay = "1h", retryJitter = "false")
	public static class SyncConsumer implements TaskHandler<String, String> {

		private final java.util.Map<String, Integer> runs = new java.util.concurrent.ConcurrentHashMap<>();

		@Override
		public String handle(String data, JobContext ctx) {
			int run = this.runs.merge(data, 1, Integer::sum);
			if (data.startsWith("always") || run < 3) {
				throw new IllegalStateException("remote down (run " + run + ")");
			}
			return "synced " + data;
		}

	}

	/**
	 * Writes audit entries in batches: a minute after the newest entry, or at 100
	 * entries.
	 */
	@TaskConsumer(name = "audit", collectKey = "audit-log", collectDelay = "1m", collectMaxSize = "100",
			retryAttempts = "2", retryDelay = "1h", retryJitter = "false")
	public static class AuditConsumer implements TaskHandler<List<String>, Integer> {

		final List<List<String>> written = new CopyOnWriteArrayList<>();

		@Override
		public Integer handle(List<String> entries, JobContext ctx) {
			if (entries.contains("poison") && ctx.attempt() == 1) {
				throw new IllegalStateException("audit store down");
			}
			this.written.add(List.copyOf(entries));
			return entries.size();
		}

	}

}
