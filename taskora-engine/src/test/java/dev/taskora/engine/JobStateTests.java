package dev.taskora.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobStateTests {

	@Test
	void wireNamesAreTaskoras() {
		assertThat(JobState.values()).extracting(JobState::wireName)
			.containsExactly("waiting", "delayed", "active", "completed", "failed", "retrying", "cancelled", "expired");
	}

	@Test
	void readsWireNamesBack() {
		for (JobState state : JobState.values()) {
			assertThat(JobState.fromWire(state.wireName())).isSameAs(state);
		}
		assertThat(JobState.fromWire("")).isNull();
		assertThat(JobState.fromWire("paused")).isNull();
	}

	@Test
	void terminalStatesAreTheFinishedOnes() {
		assertThat(JobState.values()).filteredOn(JobState::isTerminal)
			.containsExactly(JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED, JobState.EXPIRED);
	}

}
