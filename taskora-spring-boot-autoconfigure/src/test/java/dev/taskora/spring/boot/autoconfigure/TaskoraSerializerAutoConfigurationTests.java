package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Payloads and results go through the application's own Jackson configuration, empty
 * beans never.
 */
class TaskoraSerializerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, TaskoraAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory")
		.withBean(RecordOrder.class)
		.withBean(Audit.class);

	@Test
	void storesPayloadsAndResultsWithTheSpringJacksonProperties() {
		this.runner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE").run(context -> {
			ResultHandle<Object> handle = operations(context).dispatch("record-order", new OrderPlaced("o-1", 1999));
			assertThat(handle.await(Duration.ofSeconds(10))).isEqualTo(new Recorded("o-1", "recorded"));
			JobRecord stored = storedJob(context, handle.id());
			assertThat(stored.data()).isEqualTo("{\"order_id\":\"o-1\",\"total_cents\":1999}");
			assertThat(stored.result()).isEqualTo("{\"order_id\":\"o-1\",\"status\":\"recorded\"}");
		});
	}

	@Test
	void storesPayloadsWithTheApplicationsJsonMapperBuilderCustomizers() {
		JsonMapperBuilderCustomizer kebab = builder -> builder
			.propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
		this.runner.withBean(JsonMapperBuilderCustomizer.class, () -> kebab).run(context -> {
			ResultHandle<Object> handle = operations(context).dispatch("record-order", new OrderPlaced("o-2", 5));
			assertThat(handle.await(Duration.ofSeconds(10))).isEqualTo(new Recorded("o-2", "recorded"));
			assertThat(storedJob(context, handle.id()).data()).isEqualTo("{\"order-id\":\"o-2\",\"total-cents\":5}");
		});
	}

	@Test
	void refusesAnEmptyBeanAtDispatchNamingTheTaskAndTheType() {
		// Boot's mapper, as Jackson 3's, would write {}: taskora's serializer turns the
		// check back on.
		this.runner.withPropertyValues("spring.jackson.serialization.fail-on-empty-beans=false").run(context -> {
			assertThatExceptionOfType(ValidationException.class)
				.isThrownBy(() -> operations(context).dispatch("audit", new Opaque()))
				.withMessage("Payload of task 'audit' cannot be serialized: Cannot serialize " + Opaque.class.getName()
						+ " to JSON: " + Opaque.class.getName() + " has no properties (no public fields or getters,"
						+ " nothing annotated @JsonProperty), so it would be stored as {} and its data lost");
			assertThat(context.getBean(MemoryAdapter.class).storedJobs()).isEmpty();
		});
	}

	@Test
	void failsAJobWhoseResultIsAnEmptyBean() {
		this.runner.run(context -> {
			ResultHandle<Object> handle = operations(context).dispatch("audit", "opaque please");
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> handle.await(Duration.ofSeconds(10)))
				.withMessageContaining("cannot be serialized")
				.withMessageContaining(Opaque.class.getName() + " has no properties");
			assertThat(handle.state()).isEqualTo(JobState.FAILED);
		});
	}

	private static TaskoraOperations operations(AssertableApplicationContext context) {
		return context.getBean(TaskoraOperations.class);
	}

	private static JobRecord storedJob(AssertableApplicationContext context, String id) {
		MemoryAdapter adapter = context.getBean(MemoryAdapter.class);
		return adapter.storedJobs().stream().filter(job -> job.id().equals(id)).findFirst().orElseThrow();
	}

	record OrderPlaced(String orderId, long totalCents) {
	}

	record Recorded(String orderId, String status) {
	}

	/** State without getters: nothing Jackson can write. */
	static final class Opaque {

		private final String secret = "lost";

		@Override
		public String toString() {
			return this.secret;
		}

	}

	@TaskConsumer("record-order")
	static class RecordOrder implements TaskHandler<OrderPlaced, Recorded> {

		@Override
		public Recorded handle(OrderPlaced order, JobContext ctx) {
			return new Recorded(order.orderId(), "recorded");
		}

	}

	@TaskConsumer("audit")
	static class Audit implements TaskHandler<Object, Object> {

		@Override
		public Object handle(Object data, JobContext ctx) {
			return new Opaque();
		}

	}

}
