package dev.taskora.engine.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.taskora.engine.Taskora;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's shape, held by the build: no Spring, no cycle between its packages,
 * workers that do not reach back into the app, small public surfaces for the worker and
 * schedule packages and the adapter implementations, and a root package that stays the
 * short list of what users write against.
 */
class EngineArchitectureTests {

	/**
	 * Public types: what users write against; the rest lives in packages named for what
	 * they hold.
	 */
	private static final int MAX_ROOT_TYPES = 22;

	private static final JavaClasses ENGINE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.taskora.engine");

	@Test
	void theEngineImportsNoSpring() {
		noClasses().that()
			.resideInAPackage("dev.taskora.engine..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.check(ENGINE);
	}

	@Test
	void noCycleBetweenEnginePackages() {
		slices().matching("dev.taskora.engine.(*)..").should().beFreeOfCycles().check(ENGINE);
	}

	@Test
	void workersDoNotReachBackIntoTheApp() {
		noClasses().that()
			.resideInAPackage("dev.taskora.engine.worker..")
			.should()
			.dependOnClassesThat()
			.belongToAnyOf(Taskora.class)
			.check(ENGINE);
	}

	@Test
	void theWorkerPackageShowsOnlyItsEntryPoints() {
		classes().that()
			.resideInAPackage("dev.taskora.engine.worker")
			.and()
			.areTopLevelClasses()
			.and()
			.doNotHaveSimpleName("HandlerExecutorFactory")
			.and()
			.doNotHaveSimpleName("Workers")
			.should()
			.notBePublic()
			.check(ENGINE);
	}

	@Test
	void theRedisAdapterShowsOnlyItsFactoryOptionsAndOutageException() {
		classes().that()
			.resideInAPackage("dev.taskora.engine.adapter.redis")
			.and()
			.areTopLevelClasses()
			.and()
			.doNotHaveSimpleName("RedisAdapter")
			.and()
			.doNotHaveSimpleName("RedisAdapterOptions")
			.and()
			.doNotHaveSimpleName("RedisUnavailableException")
			.should()
			.notBePublic()
			.check(ENGINE);
	}

	@Test
	void theMemoryAdapterShowsOnlyItsFactory() {
		classes().that()
			.resideInAPackage("dev.taskora.engine.adapter.memory")
			.and()
			.areTopLevelClasses()
			.and()
			.doNotHaveSimpleName("MemoryAdapter")
			.should()
			.notBePublic()
			.check(ENGINE);
	}

	@Test
	void theSchedulePackageShowsOnlyItsApiAndTheSchedulerEntry() {
		classes().that()
			.resideInAPackage("dev.taskora.engine.schedule")
			.and()
			.areTopLevelClasses()
			.and()
			.doNotHaveSimpleName("Schedule")
			.and()
			.doNotHaveSimpleName("Schedules")
			.and()
			.doNotHaveSimpleName("ScheduleInfo")
			.and()
			.doNotHaveSimpleName("ScheduleUpdate")
			.and()
			.doNotHaveSimpleName("MissedRunPolicy")
			.and()
			.doNotHaveSimpleName("SchedulerOptions")
			.and()
			.doNotHaveSimpleName("InvalidScheduleException")
			.and()
			.doNotHaveSimpleName("NoSuchScheduleException")
			.and()
			.doNotHaveSimpleName("Scheduler")
			.should()
			.notBePublic()
			.check(ENGINE);
	}

	@Test
	void theWorkflowPackageKeepsItsFlatteningAndDispatchPrivate() {
		classes().that()
			.resideInAPackage("dev.taskora.engine.workflow")
			.and()
			.haveSimpleNameStartingWith("GraphBuilder")
			.or()
			.haveSimpleNameStartingWith("WorkflowDispatcher")
			.should()
			.notBePublic()
			.check(ENGINE);
	}

	@Test
	void theRootPackageHoldsAtMost22PublicTypes() {
		List<String> root = ENGINE.stream()
			.filter(type -> type.getPackageName().equals("dev.taskora.engine"))
			.filter(JavaClass::isTopLevelClass)
			// the API; package-private collaborators that keep Taskora and Task small
			// (AppLifecycle, ContractImplementations, TaskEnqueuer) are not part of it
			.filter(type -> type.getModifiers().contains(JavaModifier.PUBLIC))
			.map(JavaClass::getSimpleName)
			.filter(name -> !name.equals("package-info"))
			.sorted()
			.toList();
		assertThat(root).as("types in dev.taskora.engine").isNotEmpty().hasSizeLessThanOrEqualTo(MAX_ROOT_TYPES);
	}

}
