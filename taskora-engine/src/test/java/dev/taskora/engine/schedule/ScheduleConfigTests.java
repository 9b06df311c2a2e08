package dev.taskora.engine.schedule;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored config is taskora's JSON, field for field and in Node's order. */
class ScheduleConfigTests {

	@Test
	void anIntervalDefinitionIsWrittenAsNodeWritesIt() {
		ScheduleConfig config = ScheduleConfig.of("cleanup", false, MissedRunPolicy.skip(),
				JsonNodeFactory.instance.objectNode().put("olderThan", "30d"), 21_600_000L, null, null);
		assertThat(config.json()).isEqualTo(
				"{\"task\":\"cleanup\",\"overlap\":false,\"onMissed\":\"skip\",\"data\":{\"olderThan\":\"30d\"},\"every\":21600000}");
	}

	@Test
	void aCronDefinitionCarriesItsTimezoneAndARunAppendsLastJobIdThenLastRun() {
		ScheduleConfig config = ScheduleConfig.of("digest", true, MissedRunPolicy.catchUpLimit(3), null, null,
				"0 8 * * 1", "UTC");
		assertThat(config.json()).isEqualTo(
				"{\"task\":\"digest\",\"overlap\":true,\"onMissed\":\"catch-up-limit:3\",\"cron\":\"0 8 * * 1\",\"timezone\":\"UTC\"}");
		assertThat(config.withRun("job-1", 1_795_333_893_263L).json())
			.endsWith(",\"timezone\":\"UTC\",\"lastJobId\":\"job-1\",\"lastRun\":1795333893263}");
		assertThat(config.withRun("job-1", 1L).withRun("job-2", 2L).json())
			.endsWith("\"lastJobId\":\"job-2\",\"lastRun\":2}");
	}

	@Test
	void readsNodeConfigsLenientlyAsNodesSchedulerDoes() {
		ScheduleConfig node = ScheduleConfig.parse(
				"{\"task\":\"t\",\"data\":null,\"every\":1000,\"onMissed\":\"catch-up\",\"lastRun\":5,\"lastJobId\":null,\"extra\":[1.50]}");
		assertThat(node.overlap()).as("no overlap field: Node lets runs overlap").isTrue();
		assertThat(node.data()).isNull();
		assertThat(node.every()).isEqualTo(1000L);
		assertThat(node.lastRun()).isEqualTo(5L);
		assertThat(node.lastJobId()).isNull();
		assertThat(node.onMissed()).isEqualTo(MissedRunPolicy.catchUp());
		assertThat(node.withRun("j", 9L).json()).as("fields keep their places; unknown ones survive")
			.isEqualTo("{\"task\":\"t\",\"data\":null,\"every\":1000,\"onMissed\":\"catch-up\",\"lastRun\":9,"
					+ "\"lastJobId\":\"j\",\"extra\":[1.50]}");

		ScheduleConfig odd = ScheduleConfig.parse("{\"task\":\"t\",\"cron\":\"0 * * * *\",\"onMissed\":\"later\"}");
		assertThat(odd.onMissed()).as("Node runs an unknown policy as skip").isEqualTo(MissedRunPolicy.skip());
		assertThat(odd.onMissedProblem()).contains("later");
		assertThat(odd.timing().firstRun(0)).isEqualTo(Duration.ofHours(1).toMillis());
	}

	@Test
	void aConfigThatCannotBeRunSaysWhichField() {
		assertThatThrownBy(() -> ScheduleConfig.parse("[1]")).hasMessageContaining("task");
		assertThatThrownBy(() -> ScheduleConfig.parse("{nope")).hasMessageContaining("not JSON");
		assertThatThrownBy(() -> ScheduleConfig.parse("{\"task\":\"t\"}").timing())
			.hasMessageContaining("neither every nor cron");
		assertThatThrownBy(() -> ScheduleConfig.parse("{\"task\":\"t\",\"every\":-5}").timing())
			.hasMessageContaining("every");
		assertThatThrownBy(
				() -> ScheduleConfig.parse("{\"task\":\"t\",\"cron\":\"0 * * * *\",\"timezone\":\"Mars/Base\"}")
					.timing())
			.hasMessageContaining("Mars/Base");
		assertThatThrownBy(() -> ScheduleConfig.parse("{\"task\":\"t\",\"cron\":\"0 * *\"}").timing())
			.hasMessageContaining("cron");
	}

}
