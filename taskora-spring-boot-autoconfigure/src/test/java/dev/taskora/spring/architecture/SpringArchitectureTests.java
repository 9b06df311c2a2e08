package dev.taskora.spring.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.StoreUnavailableException;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.adapter.redis.RedisAdapter;
import dev.taskora.engine.adapter.redis.RedisAdapterOptions;
import dev.taskora.engine.adapter.redis.RedisUnavailableException;
import dev.taskora.engine.schedule.Scheduler;
import dev.taskora.engine.worker.HandlerExecutorFactory;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The Spring module uses only the engine's public API: nothing of
 * {@code engine.internal}, of the worker package only the executor factory users
 * configure, not the app's internal {@code Scheduler} (it uses {@code Schedules}), and of
 * the adapter packages only the SPI entry type, the adapters' factories and options, the
 * store-outage exceptions users catch and the stored-job record the test runner hands
 * out. The engine, in turn, imports no Spring, and neither module has a cycle between its
 * packages.
 */
class SpringArchitectureTests {

	/**
	 * Main classes only: the engine comes as a jar in a reactor build, its test jar is
	 * left out.
	 */
	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(location -> !location.contains("-tests.jar"))
		.importPackages("dev.taskora.spring", "dev.taskora.engine");

	private static final DescribedPredicate<JavaClass> ENGINE_INTERNALS = resideInAPackage(
			"dev.taskora.engine.internal..")
		.or(resideInAPackage("dev.taskora.engine.worker..").and(not(belongToAnyOf(HandlerExecutorFactory.class))))
		.or(belongToAnyOf(Scheduler.class))
		.or(resideInAPackage("dev.taskora.engine.adapter..")
			.and(not(belongToAnyOf(Adapter.class, MemoryAdapter.class, RedisAdapter.class, RedisAdapterOptions.class,
					RedisUnavailableException.class, StoreUnavailableException.class, JobRecord.class))))
		.as("are engine internals");

	@Test
	void theSpringModuleUsesOnlyTheEnginesPublicApi() {
		noClasses().that()
			.resideInAPackage("dev.taskora.spring..")
			.should()
			.dependOnClassesThat(ENGINE_INTERNALS)
			.check(CLASSES);
	}

	@Test
	void theEngineImportsNoSpring() {
		noClasses().that()
			.resideInAPackage("dev.taskora.engine..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.check(CLASSES);
	}

	@Test
	void noCycleBetweenEnginePackages() {
		slices().matching("dev.taskora.engine.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void noCycleBetweenSpringPackages() {
		slices().matching("dev.taskora.spring.(**)").should().beFreeOfCycles().check(CLASSES);
	}

}
