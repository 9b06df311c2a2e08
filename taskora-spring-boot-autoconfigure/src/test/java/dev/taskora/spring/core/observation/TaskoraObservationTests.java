package dev.taskora.spring.core.observation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.micrometer.common.KeyValue;
import io.micrometer.common.docs.KeyName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented observations name the keys their default conventions write, no more, no
 * less.
 */
class TaskoraObservationTests {

	@Test
	void theDispatchDocumentationMatchesItsDefaultConvention() {
		TaskoraDispatchContext context = new TaskoraDispatchContext("send-email", 1);
		context.setJobId("j1");
		DefaultTaskoraDispatchObservationConvention convention = DefaultTaskoraDispatchObservationConvention.INSTANCE;

		assertThat(TaskoraObservation.DISPATCH.getDefaultConvention()).isEqualTo(convention.getClass());
		assertThat(keys(convention.getLowCardinalityKeyValues(context)))
			.containsExactlyInAnyOrder(names(TaskoraObservation.DISPATCH.getLowCardinalityKeyNames()));
		assertThat(keys(convention.getHighCardinalityKeyValues(context)))
			.containsExactlyInAnyOrder(names(TaskoraObservation.DISPATCH.getHighCardinalityKeyNames()));
		assertThat(convention.getLowCardinalityKeyValues(context)).containsExactly(KeyValue.of("task", "send-email"));
	}

	@Test
	void theProcessDocumentationMatchesItsDefaultConvention() {
		TaskoraProcessContext context = new TaskoraProcessContext("send-email", "j1", 2, Map.of());
		DefaultTaskoraProcessObservationConvention convention = DefaultTaskoraProcessObservationConvention.INSTANCE;

		assertThat(TaskoraObservation.PROCESS.getDefaultConvention()).isEqualTo(convention.getClass());
		assertThat(keys(convention.getLowCardinalityKeyValues(context)))
			.containsExactlyInAnyOrder(names(TaskoraObservation.PROCESS.getLowCardinalityKeyNames()));
		assertThat(keys(convention.getHighCardinalityKeyValues(context)))
			.containsExactlyInAnyOrder(names(TaskoraObservation.PROCESS.getHighCardinalityKeyNames()));
		assertThat(convention.getHighCardinalityKeyValues(context)).contains(KeyValue.of("taskora.job.attempt", "2"));
	}

	@Test
	void theDispatchCarrierCollectsWhatAPropagatorWritesAndTheProcessCarrierIsTheJobsHeaders() {
		TaskoraDispatchContext dispatch = new TaskoraDispatchContext("send-email", 1);
		assertThat(dispatch.getHeaders()).isEmpty();
		dispatch.getSetter().set(dispatch.getCarrier(), "traceparent", "00-abc-def-01");
		assertThat(dispatch.getHeaders()).containsExactly(Map.entry("traceparent", "00-abc-def-01"));

		TaskoraProcessContext process = new TaskoraProcessContext("send-email", "j1", 1, dispatch.getHeaders());
		assertThat(process.getGetter().get(process.getCarrier(), "traceparent")).isEqualTo("00-abc-def-01");
		assertThat(process.getGetter().get(process.getCarrier(), "b3")).isNull();
	}

	private static String[] keys(Iterable<KeyValue> values) {
		List<String> keys = new ArrayList<>();
		values.forEach(value -> keys.add(value.getKey()));
		return keys.toArray(String[]::new);
	}

	private static String[] names(KeyName[] names) {
		return Arrays.stream(names).map(KeyName::asString).toArray(String[]::new);
	}

}
