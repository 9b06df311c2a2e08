package dev.taskora.engine.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.inspect.MigrationStatus;
import dev.taskora.engine.retry.Retry;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The examples of docs/contracts.md, docs/versioning.md and docs/validation.md, as
 * written there, with a producer app and a worker app sharing one memory store.
 */
class ContractDocumentationExamplesTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** docs/contracts.md: the contract module. */
	static final class ShopContracts {

		public static final TaskContract<Order, Receipt> PLACE_ORDER = TaskContract
			.define("place-order", Order.class, Receipt.class)
			.retry(Retry.fixed(3, Duration.ofSeconds(1))) // both sides' default
			.timeout(Duration.ofSeconds(30)) // the worker's default
			.build();

		record Order(@NotBlank String sku, @Positive int quantity) {
		}

		record Receipt(String sku, int quantity, String by) {
		}

	}

	record Email(String to, String from, String priority) {
	}

	record Sent(String to) {
	}

	private final Adapter store = MemoryAdapter.create();

	private final List<Taskora> apps = new ArrayList<>();

	@AfterEach
	void close() {
		this.apps.forEach(Taskora::close);
	}

	private Taskora app() {
		Taskora taskora = Taskora.builder().adapter(this.store).build();
		this.apps.add(taskora);
		return taskora;
	}

	@Test
	void aProducerRegistersAndAWorkerImplements() {
		Taskora producer = app();
		Task<ShopContracts.Order, ShopContracts.Receipt> placeOrder = producer.register(ShopContracts.PLACE_ORDER);
		producer.start(); // optional: no worker starts for a registered contract

		Taskora worker = app();
		worker.implement(ShopContracts.PLACE_ORDER,
				(order, ctx) -> new ShopContracts.Receipt(order.sku(), order.quantity(), "warehouse"),
				options -> options.concurrency(4));
		worker.start();

		ShopContracts.Receipt receipt = placeOrder.dispatch(new ShopContracts.Order("book", 2))
			.await(Duration.ofSeconds(30));
		assertThat(receipt).isEqualTo(new ShopContracts.Receipt("book", 2, "warehouse"));
	}

	@Test
	void theValidationPagesMessage() {
		Task<ShopContracts.Order, ShopContracts.Receipt> placeOrder = app().register(ShopContracts.PLACE_ORDER);
		try {
			placeOrder.dispatch(new ShopContracts.Order(" ", 0));
		}
		catch (ValidationException ex) {
			assertThat(ex).hasMessage(
					"Payload of task 'place-order' is invalid: quantity: must be greater than 0; sku: must not be blank");
			assertThat(ex.violations()).extracting(ValidationException.Violation::path)
				.containsExactly("quantity", "sku");
			return;
		}
		throw new AssertionError("not refused");
	}

	@Test
	void theOrderedMigrationsOfTheVersioningPage() {
		Taskora producer = app();
		Task<Map, Object> v1 = producer.task("send-email", Map.class, Object.class).register();
		Taskora worker = app();
		Task<Email, Sent> sendEmail = worker.task("send-email", Email.class, Sent.class)
			.since(1)
			.migrate(List.of(v1Data -> ((ObjectNode) v1Data).put("priority", "normal"), // v1
																						// ->
																						// v2
					v2 -> ((ObjectNode) v2).set("from", ((ObjectNode) v2).remove("sender")))) // v2
																								// ->
																								// v3
			.handler((email, ctx) -> new Sent(email.to() + " from " + email.from() + " (" + email.priority() + ")"));
		assertThat(sendEmail.versioning().version()).isEqualTo(3);

		ResultHandle<Object> job = v1.dispatch(Map.of("to", "ada@example.com", "sender", "news@example.com"));
		MigrationStatus status = worker.inspect().migrations("send-email");
		assertThat(status.queue()).containsExactly(entry(1, 1L));
		assertThat(status.canBumpSince()).isEqualTo(1);
		worker.start();
		assertThat(job.await(WAIT)).isEqualTo(Map.of("to", "ada@example.com from news@example.com (normal)"));
		assertThat(worker.inspect().migrations("send-email").canBumpSince()).isEqualTo(3);
	}

	@Test
	void theSparseMigrationsOfTheVersioningPage() {
		Task<String, String> task = app().task("tracked", String.class, String.class)
			.version(4)
			.since(2)
			.migrate(Map.of(3, v3 -> ((ObjectNode) v3).put("tracking", true))) // only v3
																				// -> v4
																				// needs
																				// code
			.register();
		assertThat(task.versioning().steps()).containsOnlyKeys(3);
		assertThat(task.versioning().since()).isEqualTo(2);
	}

}
