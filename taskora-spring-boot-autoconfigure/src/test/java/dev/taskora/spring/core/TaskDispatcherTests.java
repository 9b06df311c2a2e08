package dev.taskora.spring.core;

import java.time.Duration;
import java.util.List;

import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.JobContext;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TaskDispatcherTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory");

	// tag::dispatcher-bean[]
	@Configuration(proxyBeanMethods = false)
	static class DispatcherConfiguration {

		@Bean
		TaskDispatcher<Order, Receipt> chargeOrder(TaskoraOperations taskora) {
			return taskora.dispatcher("charge-order", Order.class, Receipt.class);
		}

	}
	// end::dispatcher-bean[]

	@Test
	void aDispatcherDefinedAsABeanBeforeItsConsumerIsRegisteredDispatchesTypedJobs() {
		this.runner.withUserConfiguration(DispatcherConfiguration.class).withBean(ChargeConsumer.class).run(context -> {
			@SuppressWarnings("unchecked")
			TaskDispatcher<Order, Receipt> chargeOrder = context.getBean(TaskDispatcher.class);
			ResultHandle<Receipt> handle = chargeOrder.enqueue(new Order("o-1", 1250));
			Receipt receipt = handle.await(WAIT);
			assertThat(receipt).isEqualTo(new Receipt("o-1", "charged 1250"));
			List<ResultHandle<Receipt>> many = chargeOrder
				.dispatchMany(List.of(new Order("o-2", 1), new Order("o-3", 2)));
			assertThat(many).extracting(h -> h.await(WAIT).text()).containsExactly("charged 1", "charged 2");
			assertThat(chargeOrder.task().handler()).isNotNull();
		});
	}

	@Test
	void aDispatcherTypedOtherwiseThanItsTaskFailsOnFirstUseNamingBothTypes() {
		this.runner.withBean(ChargeConsumer.class).run(context -> {
			TaskDispatcher<String, String> wrong = context.getBean(TaskoraOperations.class)
				.dispatcher("charge-order", String.class, String.class);
			assertThat(wrong.name()).isEqualTo("charge-order");
			assertThatIllegalArgumentException().isThrownBy(() -> wrong.dispatch("x"))
				.withMessageContaining("Task 'charge-order' is registered as")
				.withMessageContaining("not java.lang.String -> java.lang.String");
		});
	}

	record Order(String id, long cents) {
	}

	record Receipt(String order, String text) {
	}

	@TaskConsumer("charge-order")
	static class ChargeConsumer implements TaskHandler<Order, Receipt> {

		@Override
		public Receipt handle(Order order, JobContext ctx) {
			return new Receipt(order.id(), "charged " + order.cents());
		}

	}

}
