package dev.taskora.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProbeTests {

	@Test
	void countsEveryCpuStateButIdleAndIoWaitAsBusy() {
		// user nice system idle iowait irq softirq steal guest guest_nice
		assertThat(Probe.busyTicks("cpu  100 1 50 900 20 3 4 5 7 0")).isEqualTo(100 + 1 + 50 + 3 + 4 + 5);
	}

	@Test
	void rejectsALineOfOneCore() {
		assertThatIllegalArgumentException().isThrownBy(() -> Probe.busyTicks("cpu0 1 2 3 4"))
			.withMessageContaining("cpu0 1 2 3 4");
	}

}
