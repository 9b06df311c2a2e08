package dev.taskora.engine.schedule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** taskora's policy strings, and how many missed runs each dispatches. */
class MissedRunPolicyTests {

	@Test
	void readsAndWritesTaskorasWireForms() {
		assertThat(MissedRunPolicy.parse("skip")).isEqualTo(MissedRunPolicy.skip());
		assertThat(MissedRunPolicy.parse("catch-up")).isEqualTo(MissedRunPolicy.catchUp());
		assertThat(MissedRunPolicy.parse("catch-up-limit:3")).isEqualTo(MissedRunPolicy.catchUpLimit(3));
		assertThat(MissedRunPolicy.catchUpLimit(3)).hasToString("catch-up-limit:3");
		assertThat(MissedRunPolicy.catchUp()).hasToString("catch-up");
		assertThat(MissedRunPolicy.skip()).hasToString("skip");
	}

	@Test
	void dispatchesNoMissedRunOnSkipAndUpToTheLimitOtherwise() {
		assertThat(MissedRunPolicy.skip().runs(10)).isZero();
		assertThat(MissedRunPolicy.catchUp().runs(10)).isEqualTo(10);
		assertThat(MissedRunPolicy.catchUpLimit(3).runs(10)).isEqualTo(3);
		assertThat(MissedRunPolicy.catchUpLimit(30).runs(10)).isEqualTo(10);
		assertThat(MissedRunPolicy.catchUp().runs(0)).isZero();
		assertThat(MissedRunPolicy.skip().limit()).isZero();
		assertThat(MissedRunPolicy.catchUpLimit(1).runs(10)).as("run once if anything was missed").isEqualTo(1);
	}

	@Test
	void rejectsUnknownPoliciesAndLimitsBelowOne() {
		assertThatThrownBy(() -> MissedRunPolicy.parse("catchup")).hasMessageContaining("'catchup'")
			.hasMessageContaining("catch-up-limit:N");
		assertThatThrownBy(() -> MissedRunPolicy.parse("catch-up-limit:0")).hasMessageContaining("at least 1");
		assertThatThrownBy(() -> MissedRunPolicy.catchUpLimit(-2)).hasMessageContaining("-2");
	}

}
