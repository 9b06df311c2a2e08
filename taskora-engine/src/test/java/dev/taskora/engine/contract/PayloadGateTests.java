package dev.taskora.engine.contract;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;

import dev.taskora.engine.ValidationException;
import dev.taskora.engine.serialize.JacksonSerializer;
import dev.taskora.engine.serialize.TypeRef;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which input types take a job without data, and what their handler gets for it.
 */
class PayloadGateTests {

	private final JacksonSerializer serializer = new JacksonSerializer();

	record Order(String id) {
	}

	@Test
	void onlyInputsWhereNoDataHasAMeaningAcceptNull() {
		Type optional = new TypeRef<Optional<String>>() {
		}.type();
		Type list = new TypeRef<List<String>>() {
		}.type();
		assertThat(List.of(Void.class, Object.class, optional, JsonNode.class, ObjectNode.class))
			.allMatch(PayloadGate::acceptsNull);
		assertThat(List.of(Order.class, String.class, Integer.class, int.class, list))
			.noneMatch(PayloadGate::acceptsNull);
	}

	@Test
	void aHandlerOfAnOptionalOrAJsonNodeGetsAnEmptyValueNotNull() {
		Type optional = new TypeRef<Optional<String>>() {
		}.type();
		assertThat(PayloadGate.present(this.serializer.deserialize("null", optional), "t", "j1", optional))
			.isEqualTo(Optional.empty());
		assertThat(PayloadGate.present(this.serializer.deserialize("null", JsonNode.class), "t", "j1", JsonNode.class))
			.isEqualTo(NullNode.getInstance());
		assertThat(PayloadGate.present(this.serializer.deserialize("null", Void.class), "t", "j1", Void.class))
			.isNull();
	}

	@Test
	void aJobWithoutDataForAnyOtherInputFailsNamingTheJobTheTaskAndTheField() {
		assertThatThrownBy(
				() -> PayloadGate.present(this.serializer.deserialize("", Order.class), "orders", "j1", Order.class))
			.isInstanceOf(ValidationException.class)
			.hasMessage("Job j1 of task 'orders' cannot be run: field 'data' holds no value (JSON null), and the "
					+ "task's input type " + Order.class.getName() + " does not accept null (declare Void, Object, "
					+ "Optional or JsonNode to accept jobs without data)");
	}

}
