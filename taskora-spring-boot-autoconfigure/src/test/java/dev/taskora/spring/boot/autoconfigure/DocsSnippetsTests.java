package dev.taskora.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation's snippets marked {@code <!-- snippet: path#tag -->} are the tagged
 * regions of test sources ({@code // tag::name[]} ... {@code // end::name[]}), which
 * compile and run in the build: a snippet that drifts from its test fails here.
 */
class DocsSnippetsTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\n```java\\n(.*?)\\n```\\n",
			Pattern.DOTALL);

	@Test
	void everyMarkedSnippetIsTheTaggedRegionOfACompiledTest() throws IOException {
		List<String> checked = new ArrayList<>();
		try (Stream<Path> pages = Files.walk(ROOT.resolve("docs"))) {
			for (Path page : pages.filter(path -> path.toString().endsWith(".md")).toList()) {
				String text = Files.readString(page);
				assertThat(text.split("<!-- snippet: ", -1).length - 1)
					.as("every snippet marker in %s is followed by a java block", page)
					.isEqualTo(count(SNIPPET.matcher(text)));
				Matcher matcher = SNIPPET.matcher(text);
				while (matcher.find()) {
					String source = matcher.group(1);
					String tag = matcher.group(2);
					assertThat(matcher.group(3)).as("%s: snippet %s#%s", ROOT.relativize(page), source, tag)
						.isEqualTo(region(ROOT.resolve(source), tag));
					checked.add(source + "#" + tag);
				}
			}
		}
		assertThat(checked).contains(
				"taskora-spring-boot-autoconfigure/src/test/java/dev/taskora/spring/config/TaskConsumerMethodTests.java#method-consumers");
	}

	private static int count(Matcher matcher) {
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	/**
	 * The lines between the tag's markers, without the common indentation and inner
	 * markers.
	 */
	private static String region(Path source, String tag) throws IOException {
		List<String> lines = Files.readAllLines(source);
		int start = lines.stream().map(String::strip).toList().indexOf("// tag::" + tag + "[]");
		int end = lines.stream().map(String::strip).toList().indexOf("// end::" + tag + "[]");
		assertThat(start).as("tag %s in %s", tag, source).isNotNegative();
		assertThat(end).as("end of tag %s in %s", tag, source).isGreaterThan(start);
		List<String> body = lines.subList(start + 1, end)
			.stream()
			.filter(line -> !line.strip().startsWith("// tag::") && !line.strip().startsWith("// end::"))
			.toList();
		int indent = body.stream()
			.filter(line -> !line.isBlank())
			.mapToInt(line -> line.length() - line.stripLeading().length())
			.min()
			.orElse(0);
		return body.stream()
			.map(line -> line.isBlank() ? "" : line.substring(indent))
			.collect(Collectors.joining("\n"));
	}

}
