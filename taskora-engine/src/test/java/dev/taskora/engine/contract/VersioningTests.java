package dev.taskora.engine.contract;

import java.util.List;
import java.util.Map;

import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.serialize.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersioningTests {

	private static final MigrationStep ADD_A = data -> ((ObjectNode) data).put("a", 1);

	private static final MigrationStep ADD_B = data -> ((ObjectNode) data).put("b", 2);

	private final Taskora taskora = Taskora.builder().build();

	@AfterEach
	void close() {
		this.taskora.close();
	}

	@Test
	void theOrderedFormDerivesTheVersionFromSince() {
		Versioning versioning = Versioning.ordered(2, List.of(ADD_A, ADD_B));
		assertThat(versioning.version()).isEqualTo(4);
		assertThat(versioning.since()).isEqualTo(2);
		assertThat(versioning.steps()).containsOnlyKeys(2, 3);
	}

	@Test
	void stepsRunFromTheJobsVersionUpAndSkipGaps() {
		Versioning versioning = Versioning.sparse(4, 1, Map.of(1, ADD_A, 3, ADD_B));
		JacksonSerializer json = new JacksonSerializer();
		assertThat(PayloadGate.migrate(json, "t", "j", versioning, "{}", 1)).isEqualTo("{\"a\":1,\"b\":2}");
		assertThat(PayloadGate.migrate(json, "t", "j", versioning, "{}", 2)).isEqualTo("{\"b\":2}");
		assertThat(PayloadGate.migrate(json, "t", "j", versioning, "{\"x\":0}", 4)).isEqualTo("{\"x\":0}");
	}

	@Test
	void theVerdictFollowsTaskorasWorker() {
		Versioning versioning = Versioning.sparse(3, 2, Map.of());
		assertThat(PayloadGate.verdict(versioning, 4)).isEqualTo(PayloadGate.Verdict.HAND_BACK);
		assertThat(PayloadGate.verdict(versioning, 3)).isEqualTo(PayloadGate.Verdict.RUN);
		assertThat(PayloadGate.verdict(versioning, 2)).isEqualTo(PayloadGate.Verdict.RUN);
		assertThat(PayloadGate.verdict(versioning, 1)).isEqualTo(PayloadGate.Verdict.TOO_OLD);
		assertThat(PayloadGate.tooOld(1, versioning))
			.hasMessage("Job version 1 is below minimum supported version 2 \u2014 migration no longer available");
	}

	@Test
	void aStepThatThrowsIsNamed() {
		MigrationStep broken = data -> {
			throw new IllegalStateException("boom");
		};
		Versioning versioning = Versioning.ordered(1, List.of(ADD_A, broken));
		assertThatThrownBy(() -> PayloadGate.migrate(new JacksonSerializer(), "t", "j-1", versioning, "{}", 1))
			.isInstanceOf(ValidationException.class)
			.hasMessage("Migration of job j-1 of task 't' failed at the step from v2 to v3: boom");
	}

	@Test
	void badVersionsAreRefusedNamingTheTask() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.taskora.task("emails", String.class, String.class)
				.version(5)
				.migrate(List.of(ADD_A))
				.register())
			.withMessage("Task 'emails': version 5 does not match since (1) + 1 ordered migration steps = 2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.taskora.task("emails", String.class, String.class)
				.version(3)
				.since(2)
				.migrate(Map.of(1, ADD_A))
				.register())
			.withMessage("Task 'emails': migration step from v1 is outside since (2) to version - 1 (2)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.taskora.task("emails", String.class, String.class).version(2).since(3).register())
			.withMessage("Task 'emails': since must be between 1 and the version (2), was 3");
		assertThat(this.taskora.findTask("emails")).isEmpty();
	}

	@Test
	void aWorkerMustReadItsContractsVersion() {
		TaskContract<String, String> contract = TaskContract.define("emails", String.class, String.class)
			.version(3)
			.build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.taskora.implement(contract, (s, ctx) -> s, worker -> worker.version(2)))
			.withMessage("Contract 'emails' is at version 3 but its implementation reads versions up to 2");
		Task<String, String> task = this.taskora.implement(contract, (s, ctx) -> s,
				worker -> worker.since(1).migrate(List.of(ADD_A, ADD_B, ADD_A)));
		assertThat(task.versioning().version()).isEqualTo(4);
	}

	@Test
	void registeringAnInlineProducerTaskTwiceReturnsTheSameTask() {
		Task<String, String> first = this.taskora.task("reports", String.class, String.class).register();
		assertThat(this.taskora.task("reports", String.class, String.class).register()).isSameAs(first);
		assertThat(this.taskora.register(TaskContract.of("reports", String.class, String.class))).isSameAs(first);
	}

}
