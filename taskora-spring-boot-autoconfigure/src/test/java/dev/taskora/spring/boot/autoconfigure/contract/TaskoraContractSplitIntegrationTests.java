package dev.taskora.spring.boot.autoconfigure.contract;

import java.time.Duration;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobContext;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.ValidationException.Violation;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.engine.contract.TaskContract;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.contract.ShopContracts.Order;
import dev.taskora.spring.boot.autoconfigure.contract.ShopContracts.Receipt;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A producer-only app and a worker-only app, two application contexts sharing one Redis
 * and one contract module: the producer dispatches through the contract and never runs a
 * handler, the worker implements it with a {@code @TaskConsumer(contract = ...)}.
 */
class TaskoraContractSplitIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private ConfigurableApplicationContext producer;

	private ConfigurableApplicationContext worker;

	@BeforeEach
	void startBothApps() {
		String prefix = RedisTestServer.uniquePrefix();
		this.worker = start(WorkerApp.class, prefix);
		this.producer = start(ProducerApp.class, prefix);
	}

	@AfterEach
	void closeBothApps() {
		if (this.producer != null) {
			this.producer.close();
		}
		if (this.worker != null) {
			this.worker.close();
		}
	}

	@Test
	void theProducerDispatchesThroughTheContractAndTheWorkerAppRunsIt() {
		TaskoraOperations operations = this.producer.getBean(TaskoraOperations.class);
		Task<Order, Receipt> placeOrder = operations.task(ShopContracts.PLACE_ORDER);
		assertThat(placeOrder.handler()).as("the producer holds no handler").isNull();
		assertThat(operations.task(ShopContracts.PLACE_ORDER)).isSameAs(placeOrder);
		assertThat(this.producer.getBean(Taskora.class).findTask("place-order")).containsSame(placeOrder);

		Receipt receipt = placeOrder.dispatch(new Order("book", 2)).await(WAIT);
		assertThat(receipt).isEqualTo(new Receipt("book", 2, "worker-app"));

		Task<?, ?> implemented = this.worker.getBean(Taskora.class).findTask("place-order").orElseThrow();
		assertThat(implemented.handler()).isInstanceOf(PlaceOrderConsumer.class);
		assertThat(implemented.options().retry().attempts()).as("the contract's retry").isEqualTo(3);
		assertThat(implemented.options().concurrency()).as("the consumer's attribute").isEqualTo(2);
	}

	@Test
	void theProducerRefusesAnInvalidOrderAndTheWorkerFailsOneSentUnvalidated() {
		Task<Order, Receipt> placeOrder = this.producer.getBean(TaskoraOperations.class)
			.task(ShopContracts.PLACE_ORDER);
		assertThatThrownBy(() -> placeOrder.dispatch(new Order(" ", 0)))
			.isInstanceOfSatisfying(ValidationException.class,
					ex -> assertThat(ex.violations()).extracting(Violation::path).containsExactly("quantity", "sku"))
			.hasMessageContaining("quantity: ")
			.hasMessageContaining("sku: ");

		ResultHandle<Receipt> unchecked = placeOrder.dispatch(new Order("book", -1),
				DispatchOptions.builder().skipValidation(true).build());
		assertThatThrownBy(() -> unchecked.await(WAIT)).isInstanceOf(JobFailedException.class)
			.hasMessageContaining("Input of job " + unchecked.id() + " of task 'place-order' is invalid: quantity: ");
		assertThat(this.producer.getBean(Taskora.class)
			.inspect()
			.find("place-order", unchecked.id())
			.orElseThrow()
			.attempt()).as("never retried").isEqualTo(1);
	}

	private static ConfigurableApplicationContext start(Class<?> app, String prefix) {
		return new SpringApplicationBuilder(app).web(WebApplicationType.NONE)
			.properties("spring.data.redis.url=" + RedisTestServer.get().url(), "taskora.prefix=" + prefix,
					"spring.main.banner-mode=off")
			.run();
	}

	/** The web app's side: the contract as a bean, no consumer. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ProducerApp {

		@Bean
		TaskContract<Order, Receipt> placeOrderContract() {
			return ShopContracts.PLACE_ORDER;
		}

	}

	/** The worker's side: a consumer implementing the contract constant. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(PlaceOrderConsumer.class)
	static class WorkerApp {

	}

	@TaskConsumer(contract = ShopContracts.class, concurrency = "2")
	static class PlaceOrderConsumer implements TaskHandler<Order, Receipt> {

		@Override
		public Receipt handle(Order order, JobContext ctx) {
			return new Receipt(order.sku(), order.quantity(), "worker-app");
		}

	}

}
