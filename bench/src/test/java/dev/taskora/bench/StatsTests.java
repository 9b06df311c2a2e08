package dev.taskora.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StatsTests {

	@Test
	void medianIsTheMiddleValueOrTheMeanOfTheMiddleTwo() {
		assertThat(Stats.median(30, 10, 20)).isEqualTo(20);
		assertThat(Stats.median(40, 10, 30, 20)).isEqualTo(25);
		assertThat(Stats.median()).isZero();
	}

	@Test
	void percentileIsTheNearestRankAsInTaskora() {
		long[] sorted = new long[100];
		for (int i = 0; i < sorted.length; i++) {
			sorted[i] = i + 1;
		}
		assertThat(Stats.percentile(sorted, 50)).isEqualTo(50);
		assertThat(Stats.percentile(sorted, 99)).isEqualTo(99);
		assertThat(Stats.percentile(sorted, 100)).isEqualTo(100);
		assertThat(Stats.percentile(new long[] { 7, 9 }, 1)).isEqualTo(7);
		assertThat(Stats.percentile(new long[0], 99)).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> Stats.percentile(sorted, 0)).withMessageContaining("0");
	}

	@Test
	void opsPerSecondCountsJobsOverWallTime() {
		assertThat(Stats.opsPerSec(1_000, 250_000_000)).isEqualTo(4_000);
		assertThat(Stats.opsPerSec(1_000, 0)).isZero();
	}

}
