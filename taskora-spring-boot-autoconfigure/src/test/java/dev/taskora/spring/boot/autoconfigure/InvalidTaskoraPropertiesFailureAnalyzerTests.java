package dev.taskora.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class InvalidTaskoraPropertiesFailureAnalyzerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class));

	@Test
	void namesANegativeConcurrencyAndTheAcceptedValues() {
		FailureAnalysis analysis = analyze("taskora.defaults.concurrency=-1");
		assertThat(analysis.getDescription()).contains("Property: taskora.defaults.concurrency")
			.contains("Value: \"-1\"")
			.contains("Accepted values: a whole number of at least 1");
		assertThat(analysis.getAction()).contains("taskora.defaults.concurrency");
	}

	@Test
	void namesEveryPropertyOutOfRange() {
		FailureAnalysis analysis = analyze("taskora.defaults.retry.attempts=0", "taskora.defaults.stall.max-count=-2",
				"taskora.retention.failed.max-age=-1s");
		assertThat(analysis.getDescription()).contains("Property: taskora.defaults.retry.attempts")
			.contains("Property: taskora.defaults.stall.max-count")
			.contains("Property: taskora.retention.failed.max-age")
			.contains("a whole number of at least 0");
	}

	@Test
	void namesAnUnparseableDurationAndTheAcceptedForms() {
		FailureAnalysis analysis = analyze("taskora.defaults.timeout=soon");
		assertThat(analysis.getDescription()).contains("Property: taskora.defaults.timeout")
			.contains("Value: \"soon\"")
			.contains("500ms, 30s, 5m, 1h, 1d, ISO-8601 PT30S");
	}

	@Test
	void namesAnUnknownAdapterAndTheAdapters() {
		FailureAnalysis analysis = analyze("taskora.adapter=postgres");
		assertThat(analysis.getDescription()).contains("Property: taskora.adapter")
			.contains("Value: \"postgres\"")
			.contains("Accepted values: auto, redis, memory");
	}

	@Test
	void namesAnUnknownBackoff() {
		FailureAnalysis analysis = analyze("taskora.defaults.retry.backoff=random");
		assertThat(analysis.getDescription()).contains("Accepted values: fixed, exponential, linear");
	}

	@Test
	void rejectsAUrlThatIsNotRedis() {
		FailureAnalysis analysis = analyze("taskora.redis.url=http://localhost:6379");
		assertThat(analysis.getDescription()).contains("Property: taskora.redis.url").contains("redis://");
	}

	@Test
	void namesANonPositiveDispatchTimeout() {
		FailureAnalysis analysis = analyze("taskora.dispatch-timeout=0s");
		assertThat(analysis.getDescription()).contains("Property: taskora.dispatch-timeout").contains("Value: \"0s\"");
	}

	@Test
	void namesANonPositiveHealthTimeout() {
		FailureAnalysis analysis = analyze("taskora.health.timeout=0ms");
		assertThat(analysis.getDescription()).contains("Property: taskora.health.timeout").contains("Value: \"0ms\"");
	}

	@Test
	void leavesOtherPrefixesToBoot() {
		assertThat(new InvalidTaskoraPropertiesFailureAnalyzer(new StandardEnvironment())
			.analyze(new IllegalStateException("x"))).isNull();
	}

	@Test
	void listsEveryValueOutOfRangeAsWrittenWithItsOrigin(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("out-of-range.yml"));
		assertThat(output).contains("APPLICATION FAILED TO START").contains("""
				    Property: taskora.defaults.concurrency
				    Value: "-1"
				    Origin: class path resource [dev/taskora/spring/boot/autoconfigure/out-of-range.yml] - 3:18
				    Accepted values: a whole number of at least 1
				""").contains("""
				    Property: taskora.worker.shutdown-timeout
				    Value: "-5s"
				    Origin: class path resource [dev/taskora/spring/boot/autoconfigure/out-of-range.yml] - 5:23
				""").doesNotContain("PT-5S");
	}

	@Test
	void listsEveryUnreadableValueWithItsOriginAlongWithValuesOutOfRange(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("unreadable.yml"));
		assertThat(output).contains("APPLICATION FAILED TO START").contains("""
				    Property: taskora.defaults.timeout
				    Value: "soon"
				    Origin: class path resource [dev/taskora/spring/boot/autoconfigure/unreadable.yml] - 3:14
				""").contains("""
				    Property: taskora.defaults.retry.backoff
				    Value: "random"
				    Origin: class path resource [dev/taskora/spring/boot/autoconfigure/unreadable.yml] - 5:16
				    Accepted values: fixed, exponential, linear
				""").contains("""
				    Property: taskora.defaults.retry.attempts
				    Value: "0"
				    Origin: class path resource [dev/taskora/spring/boot/autoconfigure/unreadable.yml] - 6:17
				""");
	}

	@Test
	void printsTheAnalysisWhenAnApplicationFailsToStart(CapturedOutput output) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--taskora.defaults.concurrency=-3"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: taskora.defaults.concurrency")
			.contains("Accepted values: a whole number of at least 1");
	}

	private FailureAnalysis analyze(String... properties) {
		Throwable[] failure = new Throwable[1];
		this.runner.withPropertyValues(properties).run(context -> failure[0] = context.getStartupFailure());
		assertThat(failure[0]).isNotNull();
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertyValues.of(properties).applyTo(environment);
		FailureAnalysis analysis = new InvalidTaskoraPropertiesFailureAnalyzer(environment).analyze(failure[0]);
		assertThat(analysis).isNotNull();
		return analysis;
	}

	private static void start(String configuration) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run("--spring.config.location=classpath:/dev/taskora/spring/boot/autoconfigure/" + configuration);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TaskoraAutoConfiguration.class)
	static class App {

	}

}
