package dev.taskora.engine;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationsTests {

	@ParameterizedTest
	@CsvSource({ "1500, 1500", "250ms, 250", "30s, 30000", "5m, 300000", "1h, 3600000", "1d, 86400000", "PT2S, 2000",
			"' 10s ', 10000" })
	void parsesTaskoraAndIsoForms(String text, long millis) {
		assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "ten seconds", "5x", "-5s" })
	void rejectsAnythingElseNamingTheValue(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text))
			.withMessageContaining("'" + text + "'");
	}

}
