package dev.taskora.spring.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test slice for task consumers: boots taskora and the application's
 * {@link dev.taskora.spring.annotation.TaskConsumer @TaskConsumer} beans (plus taskora
 * {@link dev.taskora.engine.Middleware Middleware} and customizer beans) on the memory
 * adapter under a virtual clock, with the real worker loop, and injects a
 * {@link TaskoraTestHarness}. Other beans are not scanned: bring the consumers'
 * collaborators with {@code @Import} or {@code @MockitoBean}.
 *
 * <pre>{@code
 * &#64;TaskoraTest

 * &#64;Import(Mailer.class)
 * class SendEmailConsumerTests {
 *
 *     &#64;Autowired
 *     TaskoraTestHarness harness;
 *
 *
&#64;Test
 *     void sendsTheEmail() {
 *         ExecutionResult<Object> execution = harness.execute("send-email", new Email("a@b.c", "hi"));
 *         assertThat(execution.state()).isEqualTo(JobState.COMPLETED);
 *     }
 *
 * }
 * }</pre>
 *
 * After each test method the harness {@link TaskoraTestHarness#reset() resets} the app:
 * running handlers are stopped, every job is deleted and the virtual clock goes back to
 * its start, so each test starts from an empty, idle app. To use the harness in a full
 * {@code @SpringBootTest}, add {@link AutoConfigureTaskora @AutoConfigureTaskora}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(TaskoraTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(TaskoraTypeExcludeFilter.class)
@AutoConfigureTaskora
@ImportAutoConfiguration
public @interface TaskoraTest {

	/**
	 * The store the test runs against: the memory adapter on a virtual clock (the
	 * default), or the application's Redis ({@code spring.data.redis.*}, a
	 * {@code @ServiceConnection} container, or {@code taskora.redis.url}), in real time.
	 */
	TestAdapter adapter() default TestAdapter.MEMORY;

	/**
	 * Properties in {@code key=value} form added to the environment before the test runs.
	 */
	String[] properties() default {};

	/**
	 * Whether the default filters apply: only {@code @TaskConsumer} beans, taskora
	 * middleware and builder customizers are picked up by component scanning.
	 */
	boolean useDefaultFilters() default true;

	/** Filters adding beans to the slice. */
	Filter[] includeFilters() default {};

	/** Filters removing beans the default filters would pick up. */
	Filter[] excludeFilters() default {};

	/** Auto-configuration to leave out of the slice. */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
