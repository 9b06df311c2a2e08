package dev.taskora.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchStoreTests {

	@Test
	void ownsOnlyTheWireRecordAndTheKeysOfBenchTasks() {
		assertThat(BenchStore.isOwnKey("taskora:meta")).isTrue();
		assertThat(BenchStore.isOwnKey("taskora:{bench-enqueue-single-1700000000000-0}:wait")).isTrue();
		assertThat(BenchStore.isOwnKey("taskora:{bench-latency-1-warmup}:3f2a:lock")).isTrue();
		assertThat(BenchStore.isOwnKey("taskora:{send-email}:wait")).isFalse();
		assertThat(BenchStore.isOwnKey("taskora:billing:meta")).isFalse();
		assertThat(BenchStore.isOwnKey("session:42")).isFalse();
	}

	@Test
	void readsInfoFieldsAndCommandTimes() {
		Map<String, String> info = BenchStore
			.parseInfo("# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n");
		assertThat(info).containsEntry("used_memory", "1048576").doesNotContainKey("# Memory");
		assertThat(BenchStore.commandMicros("calls=3,usec=42,usec_per_call=14.00,rejected_calls=0,failed_calls=0"))
			.isEqualTo(42);
	}

}
