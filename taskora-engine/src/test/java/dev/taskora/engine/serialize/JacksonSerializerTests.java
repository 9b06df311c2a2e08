package dev.taskora.engine.serialize;

import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.testing.ExecutionResult;
import dev.taskora.engine.testing.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JacksonSerializerTests {

	private final TestRunner runner = TestRunner.create();

	@AfterEach
	void close() {
		this.runner.close();
	}

	/** Its state is private and has no getters: Jackson sees no property. */
	static final class Opaque {

		private final String secret = "lost";

		@Override
		public String toString() {
			return this.secret;
		}

	}

	record Order(String orderId, Object details) {
	}

	record Placed(String orderId, long totalCents) {
	}

	@Test
	void refusesAnObjectWithoutPropertiesNamingItsType() {
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> new JacksonSerializer().serialize(new Opaque()))
			.withMessage("Cannot serialize " + Opaque.class.getName() + " to JSON: " + Opaque.class.getName()
					+ " has no properties (no public fields or getters, nothing annotated @JsonProperty),"
					+ " so it would be stored as {} and its data lost");
	}

	@Test
	void refusesAnEmptyObjectNestedInAPayloadNamingWhereItIs() {
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> new JacksonSerializer().serialize(new Order("o-1", new Opaque())))
			.withMessageStartingWith(
					"Cannot serialize " + Order.class.getName() + " to JSON: " + Opaque.class.getName() + " (at ")
			.withMessageContaining("[\"details\"]");
	}

	@Test
	void keepsTheApplicationMappersConfigurationButStillRefusesEmptyObjects() {
		JsonMapper application = JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.build();
		JacksonSerializer serializer = new JacksonSerializer(application);
		assertThat(serializer.serialize(new Placed("o-1", 1999)))
			.isEqualTo("{\"order_id\":\"o-1\",\"total_cents\":1999}");
		assertThat(serializer.deserialize("{\"order_id\":\"o-1\",\"total_cents\":1999}", Placed.class))
			.isEqualTo(new Placed("o-1", 1999));
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> serializer.serialize(new Opaque()))
			.withMessageContaining("has no properties");
		assertThat(serializer.mapper().isEnabled(SerializationFeature.FAIL_ON_EMPTY_BEANS)).isTrue();
	}

	@Test
	void anEmptyPayloadIsRefusedAtDispatchAndNothingIsStored() {
		Task<Object, String> task = this.runner.app()
			.task("audit", Object.class, String.class)
			.handler((data, ctx) -> "ok");
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> task.dispatch(new Opaque()))
			.withMessageStartingWith(
					"Payload of task 'audit' cannot be serialized: Cannot serialize " + Opaque.class.getName())
			.withMessageContaining("has no properties");
		assertThat(this.runner.jobs()).isEmpty();
	}

	@Test
	void anEmptyResultFailsTheJobInsteadOfCompletingWithEmptyJson() {
		Task<String, Object> task = this.runner.app()
			.task("opaque-result", String.class, Object.class)
			.handler((data, ctx) -> new Opaque());
		ExecutionResult<Object> result = this.runner.execute(task, "x");
		assertThat(result.state()).isEqualTo(JobState.FAILED);
		assertThat(result.error())
			.startsWith("Result of job " + result.handle().id()
					+ " of task 'opaque-result' cannot be serialized: Cannot serialize " + Opaque.class.getName())
			.contains("has no properties");
	}

	@Test
	void plainValuesStillSerialize() {
		JacksonSerializer serializer = new JacksonSerializer();
		assertThat(serializer.serialize(Map.of("a", 1))).isEqualTo("{\"a\":1}");
		assertThat(serializer.serialize(null)).isEqualTo("null");
		assertThat(serializer.deserialize("{\"orderId\":\"o-1\",\"totalCents\":5,\"extra\":true}", Placed.class))
			.isEqualTo(new Placed("o-1", 5));
	}

}
