package dev.taskora.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.flow.Debounce;
import dev.taskora.engine.flow.Deduplicate;
import dev.taskora.engine.flow.Throttle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DispatchOptionsTests {

	@Test
	void factoriesSetOneOption() {
		assertThat(DispatchOptions.delay(Duration.ofSeconds(5)).delay()).isEqualTo(Duration.ofSeconds(5));
		assertThat(DispatchOptions.priority(7).priority()).isEqualTo(7);
		assertThat(DispatchOptions.none().delay()).isZero();
	}

	@Test
	void toBuilderKeepsEveryOption() {
		DispatchOptions options = DispatchOptions.builder()
			.delay(Duration.ofSeconds(1))
			.priority(3)
			.ttl(Duration.ofMinutes(5))
			.concurrencyKey("user:1")
			.concurrencyLimit(2)
			.throttle(new Throttle("api", 10, Duration.ofMinutes(1)))
			.throwOnReject(true)
			.header("traceparent", "00-abc-def-01")
			.build();
		assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
		assertThat(options).hasToString("DispatchOptions[delay=PT1S, priority=3, ttl=PT5M, concurrencyKey=user:1, "
				+ "concurrencyLimit=2, debounce=null, throttle=Throttle[key=api, max=10, window=PT1M], deduplicate=null, "
				+ "throwOnReject=true, headers=[traceparent]]");
	}

	@Test
	void headersAreCopiedAndABlankNameIsRejected() {
		Map<String, String> source = new HashMap<>(Map.of("tenant", "acme"));
		DispatchOptions options = DispatchOptions.builder().headers(source).build();
		source.put("tenant", "other");
		assertThat(options.headers()).containsExactly(entry("tenant", "acme"));
		assertThat(DispatchOptions.none().headers()).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> DispatchOptions.builder().header(" ", "x"))
			.withMessageContaining("header name");
	}

	@Test
	void rejectsNegativeValuesNamingTheOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> DispatchOptions.delay(Duration.ofSeconds(-1)))
			.withMessageContaining("delay");
		assertThatIllegalArgumentException().isThrownBy(() -> DispatchOptions.priority(-2))
			.withMessageContaining("priority")
			.withMessageContaining("-2");
		assertThatIllegalArgumentException().isThrownBy(() -> DispatchOptions.builder().ttl(Duration.ZERO))
			.withMessageContaining("ttl");
		assertThatIllegalArgumentException().isThrownBy(() -> new Throttle("k", 0, Duration.ofSeconds(1)))
			.withMessageContaining("throttle max");
	}

	@Test
	void flowOptionsCannotBeCombined() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DispatchOptions.builder()
				.debounce(new Debounce("k", Duration.ofSeconds(1)))
				.throttle(new Throttle("k", 1, Duration.ofSeconds(1)))
				.build())
			.withMessageContaining("cannot be combined")
			.withMessageContaining("debounce and throttle");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DispatchOptions.builder()
				.throttle(new Throttle("k", 1, Duration.ofSeconds(1)))
				.deduplicate(new Deduplicate("k"))
				.build())
			.withMessageContaining("throttle and deduplicate");
	}

	@Test
	void contradictoryOptionsAreRejectedInsteadOfIgnored() {
		assertThatIllegalArgumentException().isThrownBy(() -> DispatchOptions.builder().throwOnReject(true).build())
			.withMessageContaining("throwOnReject")
			.withMessageContaining("none is set");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DispatchOptions.builder()
				.debounce(new Debounce("k", Duration.ofSeconds(1)))
				.throwOnReject(true)
				.build())
			.withMessageContaining("debounce never rejects");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DispatchOptions.builder()
				.debounce(new Debounce("k", Duration.ofSeconds(1)))
				.delay(Duration.ofSeconds(5))
				.build())
			.withMessageContaining("delay PT5S");
		assertThatIllegalArgumentException().isThrownBy(() -> DispatchOptions.builder().concurrencyLimit(2).build())
			.withMessageContaining("concurrencyLimit 2")
			.withMessageContaining("concurrencyKey");
	}

	@Test
	void flowOptionValuesAreCheckedNamingTheOptionAndValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Debounce(" ", Duration.ofSeconds(1)))
			.withMessageContaining("debounce key");
		assertThatIllegalArgumentException().isThrownBy(() -> new Debounce("k", Duration.ZERO))
			.withMessageContaining("debounce delay")
			.withMessageContaining("PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> new Throttle("k", 5, Duration.ofSeconds(-1)))
			.withMessageContaining("throttle window")
			.withMessageContaining("PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> new Throttle("", 5, Duration.ofSeconds(1)))
			.withMessageContaining("throttle key");
		assertThatIllegalArgumentException().isThrownBy(() -> new Deduplicate(" "))
			.withMessageContaining("deduplicate key");
		assertThatIllegalArgumentException().isThrownBy(() -> DispatchOptions.builder().concurrencyKey(""))
			.withMessageContaining("concurrency key");
	}

	@Test
	void deduplicationDefaultsToTaskorasStates() {
		assertThat(new Deduplicate("k").whileIn()).containsExactly(JobState.WAITING, JobState.DELAYED, JobState.ACTIVE);
		assertThat(new Deduplicate("k", List.of(JobState.ACTIVE)).whileIn()).containsExactly(JobState.ACTIVE);
	}

}
