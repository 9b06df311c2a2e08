package dev.taskora.engine.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the compiler says of a chain: each junction of the typed forms ({@code chain} of 2
 * to 6 steps, {@code pipe}) is checked, so steps that do not fit are a compile error, not
 * a failed workflow.
 */
class WorkflowTypingTests {

	private static final String SOURCE = """
			import dev.taskora.engine.Task;
			import dev.taskora.engine.workflow.Workflows;

			class Pipeline {

				void build(Task<Integer, Integer> doubler, Task<String, String> upper) {
					%s;
				}

			}
			""";

	@TempDir
	Path dir;

	@Test
	void stepsThatFitCompile() throws IOException {
		assertThat(compile("Workflows.chain(doubler.s(1), doubler.s(), doubler.s())")).isEmpty();
		assertThat(compile("doubler.s(1).pipe(doubler.s()).pipe(doubler.s())")).isEmpty();
	}

	@Test
	void aChainWhoseStepDoesNotTakeThePreviousOutputDoesNotCompile() throws IOException {
		assertThat(compile("Workflows.chain(doubler.s(1), upper.s())")).singleElement()
			.satisfies(error -> assertThat(error).contains("chain"));
		assertThat(compile("doubler.s(1).pipe(upper.s())")).singleElement()
			.satisfies(error -> assertThat(error).contains("pipe"));
		assertThat(compile("Workflows.chain(doubler.s(1), doubler.s(), doubler.s(), upper.s())")).hasSize(1);
	}

	/** The compiler's errors for a method body holding {@code statement}. */
	private List<String> compile(String statement) throws IOException {
		Path source = this.dir.resolve("Pipeline.java");
		Files.writeString(source, SOURCE.formatted(statement));
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
			compiler
				.getTask(null, files, diagnostics, List.of("-classpath", System.getProperty("java.class.path"), "-d",
						this.dir.toString(), "-proc:none"), null, files.getJavaFileObjects(source))
				.call();
		}
		return diagnostics.getDiagnostics()
			.stream()
			.filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
			.map(diagnostic -> diagnostic.getMessage(Locale.ROOT))
			.toList();
	}

}
