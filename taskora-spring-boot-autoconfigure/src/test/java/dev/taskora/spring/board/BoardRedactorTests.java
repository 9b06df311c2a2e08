package dev.taskora.spring.board;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class BoardRedactorTests {

	private final BoardRedactor redactor = new BoardRedactor(List.of("Password", " apiKey "),
			JsonMapper.builder().build());

	@Test
	void masksListedKeysInAnyCaseAtAnyDepthAndInsideArrays() {
		JsonNode node = this.redactor.value(Map.of("user", Map.of("auth", Map.of("PASSWORD", "x", "name", "ada")),
				"keys", List.of(Map.of("apikey", "k1"), Map.of("other", "v"))));
		assertThat(node.toString()).doesNotContain("\"x\"", "k1")
			.contains("\"PASSWORD\":\"[REDACTED]\"", "\"apikey\":\"[REDACTED]\"", "\"name\":\"ada\"",
					"\"other\":\"v\"");
	}

	@Test
	void masksStructuredErrorsAndLeavesPlainOnesAlone() {
		assertThat(this.redactor.error("{\"password\":\"p\",\"code\":7}"))
			.isEqualTo("{\"password\":\"[REDACTED]\",\"code\":7}");
		assertThat(this.redactor.error("boom {not json")).isEqualTo("boom {not json");
		assertThat(this.redactor.error(null)).isNull();
	}

	@Test
	void cutsLongStringsAndArraysAndReplacesBinaryBySize() {
		JsonNode node = this.redactor.value(Map.of("text", "y".repeat(10_000), "bytes", new byte[] { 1, 2, 3 }, "list",
				Collections.nCopies(500, 1)));
		assertThat(node.get("text").stringValue()).hasSizeLessThan(4200).endsWith("[truncated, 10000 characters]");
		assertThat(node.get("bytes").stringValue()).isEqualTo("[binary, 3 bytes]");
		assertThat(node.get("list").size()).isEqualTo(BoardRedactor.MAX_ELEMENTS + 1);
		assertThat(node.get("list").get(BoardRedactor.MAX_ELEMENTS).stringValue())
			.isEqualTo("[300 more elements not shown]");
	}

	@Test
	void keepsNullAndScalars() {
		assertThat(this.redactor.value(null)).isNull();
		assertThat(this.redactor.value(42).intValue()).isEqualTo(42);
	}

}
