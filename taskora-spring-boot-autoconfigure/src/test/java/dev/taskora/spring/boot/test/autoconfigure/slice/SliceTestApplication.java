package dev.taskora.spring.boot.test.autoconfigure.slice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.event.CompletedEvent;
import dev.taskora.spring.annotation.OnTaskEvent;
import dev.taskora.spring.annotation.TaskConsumer;

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

}
