package dev.taskora.engine;

import java.time.Duration;
import java.util.List;

import dev.taskora.engine.flow.Deduplicate;
import dev.taskora.engine.flow.Throttle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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
			.throwOnReject(true)
			.build();
		assertThat(options.toBuilder().build()).isEqualTo(options);
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
	void deduplicationDefaultsToTaskorasStates() {
		assertThat(new Deduplicate("k").whileIn()).containsExactly(JobState.WAITING, JobState.DELAYED,
				JobState.ACTIVE);
		assertThat(new Deduplicate("k", List.of(JobState.ACTIVE)).whileIn())
			.containsExactly(JobState.ACTIVE);
	}

}
