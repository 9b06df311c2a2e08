package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.adapter.redis.RedisAdapter;
import dev.taskora.engine.adapter.redis.RedisAdapterOptions;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.engine.inspect.DeadLetters;
import dev.taskora.engine.inspect.Inspector;
import dev.taskora.engine.job.Retention;
import dev.taskora.engine.job.TaskOptions;
import dev.taskora.engine.retry.Backoff;
import dev.taskora.engine.serialize.JacksonSerializer;
import dev.taskora.engine.serialize.Serializer;
import dev.taskora.spring.config.TaskoraAnnotationBeanPostProcessor;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.TaskoraTemplate;
import dev.taskora.spring.core.TaskoraWorkerLifecycle;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

@ExtendWith(OutputCaptureExtension.class)
class TaskoraAutoConfigurationTests {

	private static final RedisTestServer REDIS = RedisTestServer.get();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class));

	@Test
	void usesTheMemoryAdapterAndWarnsWhenNoRedisIsConfigured(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class)).run(context -> {
			assertThat(context).hasSingleBean(Taskora.class)
				.hasSingleBean(TaskoraTemplate.class)
				.hasSingleBean(TaskoraWorkerLifecycle.class)
				.hasSingleBean(TaskoraAnnotationBeanPostProcessor.class);
			assertThat(context.getBean(Taskora.class).inspect().adapterName()).isEqualTo("MemoryAdapter");
			assertThat(output).contains("taskora keeps jobs in memory, so they are not persisted");
		});
	}

	@Test
	void usesTheMemoryAdapterSilentlyWhenAskedFor(CapturedOutput output) {
		this.runner.withPropertyValues("taskora.adapter=memory").run(context -> {
			assertThat(context.getBean(Taskora.class).inspect().adapterName()).isEqualTo("MemoryAdapter");
			assertThat(output).doesNotContain("not persisted");
		});
	}

	@Test
	void exposesTheAppsInspectorAndDeadLettersAsBeans() {
		this.runner.withPropertyValues("taskora.adapter=memory").run(context -> {
			Taskora taskora = context.getBean(Taskora.class);
			assertThat(context.getBean(Inspector.class)).isSameAs(taskora.inspect())
				.isSameAs(context.getBean(TaskoraOperations.class).inspect());
			assertThat(context.getBean(DeadLetters.class)).isSameAs(taskora.deadLetters())
				.isSameAs(context.getBean(TaskoraOperations.class).deadLetters());
		});
	}

	@Test
	void connectsThroughTaskoraRedisUrlWithoutSpringDataRedis() {
		this.runner.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.withPropertyValues("taskora.redis.url=" + REDIS.url(), "taskora.prefix=" + RedisTestServer.uniquePrefix())
			.run(context -> {
				RedisAdapter adapter = context.getBean(RedisAdapter.class);
				assertStoresIn(context.getBean(Taskora.class), adapter);
				assertThat(adapter.prefix()).startsWith(context.getBean(TaskoraProperties.class).getPrefix());
				assertThat(ReflectionTestUtils.getField(adapter, "sharedClient")).isNull();
			});
	}

	@Test
	void capsTheReconnectDelayAndWaitsForTheConnectionUpToTheDispatchTimeout() {
		this.runner.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.withPropertyValues("taskora.redis.url=" + REDIS.url(), "taskora.prefix=" + RedisTestServer.uniquePrefix(),
					"taskora.redis.reconnect-delay=250ms", "taskora.dispatch-timeout=3s")
			.run(context -> {
				RedisAdapterOptions options = (RedisAdapterOptions) ReflectionTestUtils
					.getField(context.getBean(RedisAdapter.class), "options");
				assertThat(options.reconnectDelay()).isEqualTo(Duration.ofMillis(250));
				assertThat(options.dispatchTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(context.getBean(RedisAdapter.class).reconnectDelay()).isEqualTo(Duration.ofMillis(250));
			});
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + REDIS.url(), "taskora.prefix=app",
					"taskora.redis.reconnect-delay=250ms")
			.run(context -> {
				Delay delay = context.getBean(ClientResources.class).reconnectDelay();
				assertThat(delay.createDelay(1)).isLessThanOrEqualTo(Duration.ofMillis(20));
				assertThat(delay.createDelay(30)).isEqualTo(Duration.ofMillis(250));
				// the adapter over Spring Data Redis' client holds locks by that client's
				// delay
				assertThat(context.getBean(RedisAdapter.class).reconnectDelay()).isEqualTo(Duration.ofMillis(250));
			});
	}

	@Test
	void aRunningJobsLockLivesInRedisForTheLockTtlAndWhatAnOutageCostsBeyondIt() {
		String prefix = RedisTestServer.uniquePrefix();
		this.runner.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.withPropertyValues("taskora.redis.url=" + REDIS.url(), "taskora.prefix=" + prefix,
					"taskora.worker.lock-ttl=20s", "taskora.redis.reconnect-delay=250ms")
			.run(context -> {
				CountDownLatch release = new CountDownLatch(1);
				Task<String, String> task = context.getBean(Taskora.class)
					.task("locked", String.class, String.class)
					.handler((data, ctx) -> {
						release.await();
						return data;
					});
				ResultHandle<String> handle = task.dispatch("x");
				String lock = "taskora:" + prefix + ":{locked}:" + handle.id() + ":lock";
				RedisClient client = RedisClient.create(REDIS.url());
				try (StatefulRedisConnection<String, String> connection = client.connect()) {
					await().atMost(Duration.ofSeconds(10)).until(() -> connection.sync().pttl(lock) > 0);
					// 20 s + 250 ms + 200 ms for connecting + 2 x 1 s, renewed every
					// second
					assertThat(connection.sync().pttl(lock)).isBetween(20_000L, 22_450L);
				}
				finally {
					release.countDown();
					client.shutdown();
				}
				assertThat(handle.await(Duration.ofSeconds(10))).isEqualTo("x");
			});
	}

	@Test
	void aLockTtlTooShortToRenewFailsNamingTheProperty() {
		this.runner.withPropertyValues("taskora.worker.lock-ttl=10ms")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("worker.lockTtl")
				.hasStackTraceContaining("at least 30ms"));
	}

	@Test
	void reusesTheLettuceClientOfSpringDataRedis() {
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + REDIS.url(), "taskora.prefix=app")
			.run(context -> {
				LettuceConnectionFactory connectionFactory = context.getBean(LettuceConnectionFactory.class);
				RedisAdapter adapter = context.getBean(RedisAdapter.class);
				assertThat(adapter.prefix()).isEqualTo("app");
				assertThat(ReflectionTestUtils.getField(adapter, "sharedClient"))
					.isSameAs(connectionFactory.getNativeClient());
				assertThat(context.getBean(Taskora.class).isRunning()).isTrue();
			});
	}

	@Test
	void springDataRedisWinsOverTaskoraRedisUrl(CapturedOutput output) {
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + REDIS.url(), "taskora.redis.url=redis://elsewhere:6379")
			.run(context -> {
				assertThat(context).hasSingleBean(RedisAdapter.class);
				assertThat(output).contains("taskora.redis.url is ignored");
			});
	}

	@Test
	void memoryAdapterIsForcedEvenWhenSpringDataRedisIsPresent() {
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("taskora.adapter=memory")
			.run(context -> assertThat(context.getBean(Adapter.class)).isInstanceOf(MemoryAdapter.class));
	}

	@Test
	void failsWhenRedisIsRequiredButNotConfigured() {
		this.runner.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.withPropertyValues("taskora.adapter=redis")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidTaskoraConfigurationException.class)
				.hasMessageContaining("taskora.adapter is 'redis'"));
	}

	@Test
	void failsNamingTheMissingModuleWhenSpringDataRedisIsConfiguredButAbsent(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("spring.data.redis.host=redis.internal")
			.run(context -> {
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(InvalidTaskoraConfigurationException.class)
					.hasMessageContaining("spring.data.redis.host is set")
					.hasMessageContaining("org.springframework.boot:spring-boot-data-redis")
					.hasMessageContaining("would keep jobs in memory");
				FailureAnalysis analysis = new InvalidTaskoraConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis", "taskora.redis.url",
						"taskora.adapter=memory");
				assertThat(output).doesNotContain("taskora keeps jobs in memory");
			});
	}

	@Test
	void failsNamingTheMissingModuleWhenRedisIsRequiredAndOnlySpringDataRedisIsConfigured() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("taskora.adapter=redis", "spring.data.redis.url=redis://redis.internal:6379")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidTaskoraConfigurationException.class)
				.hasMessageContaining("spring.data.redis.url is set")
				.hasMessageContaining("org.springframework.boot:spring-boot-data-redis")
				.hasMessageContaining("taskora.adapter is 'redis'"));
	}

	@Test
	void failsWhenSpringDataRedisIsConfiguredWithoutALettuceConnectionFactory() {
		this.runner.withPropertyValues("spring.data.redis.port=6380")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidTaskoraConfigurationException.class)
				.hasMessageContaining("spring.data.redis.port is set, but there is no LettuceConnectionFactory bean"));
	}

	@Test
	void keepsJobsInMemoryWhenAskedToDespiteSpringDataRedisProperties() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("taskora.adapter=memory", "spring.data.redis.host=redis.internal")
			.run(context -> assertThat(context.getBean(Taskora.class).inspect().adapterName())
				.isEqualTo("MemoryAdapter"));
	}

	@Test
	void usesTaskoraRedisUrlDespiteSpringDataRedisPropertiesWithoutSpringDataRedis() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("taskora.redis.url=" + REDIS.url(), "taskora.prefix=" + RedisTestServer.uniquePrefix(),
					"spring.data.redis.host=redis.internal")
			.run(context -> assertThat(context.getBean(Taskora.class).inspect().adapterName())
				.isEqualTo("RedisAdapter"));
	}

	@Test
	void failsWhenTaskoraRedisUrlIsSetWithoutTheRedisClient() {
		this.runner.withClassLoader(new FilteredClassLoader("io.lettuce", "org.springframework.data.redis"))
			.withPropertyValues("taskora.redis.url=redis://localhost:6379")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidTaskoraConfigurationException.class)
				.hasMessageContaining("lettuce-core"));
	}

	@Test
	void runsWithoutRedisOnTheClasspath() {
		this.runner.withClassLoader(new FilteredClassLoader("io.lettuce", "org.springframework.data.redis"))
			.run(context -> assertThat(context.getBean(Taskora.class).inspect().adapterName())
				.isEqualTo("MemoryAdapter"));
	}

	@Test
	void backsOffFromAUserAdapter() {
		MemoryAdapter adapter = MemoryAdapter.create();
		this.runner.withBean(Adapter.class, () -> adapter).run(context -> {
			assertThat(context).hasSingleBean(Adapter.class);
			assertStoresIn(context.getBean(Taskora.class), adapter);
		});
	}

	@Test
	void backsOffFromAUserTaskora() {
		this.runner.withUserConfiguration(UserTaskoraConfiguration.class).run(context -> {
			assertThat(context).hasSingleBean(Taskora.class).doesNotHaveBean(Adapter.class);
			assertThat(context.getBean(TaskoraTemplate.class).taskora()).isSameAs(context.getBean("userTaskora"));
		});
	}

	@Test
	void backsOffFromUserOperationsSerializerAndLifecycle() {
		TaskoraOperations operations = mock(TaskoraOperations.class);
		Serializer serializer = spy(new JacksonSerializer());
		TaskoraWorkerLifecycle lifecycle = mock(TaskoraWorkerLifecycle.class);
		this.runner.withBean(TaskoraOperations.class, () -> operations)
			.withBean(Serializer.class, () -> serializer)
			.withBean(TaskoraWorkerLifecycle.class, () -> lifecycle)
			.run(context -> {
				assertThat(context).doesNotHaveBean(TaskoraTemplate.class);
				assertThat(context.getBean(TaskoraOperations.class)).isSameAs(operations);
				assertThat(context.getBean(TaskoraWorkerLifecycle.class)).isSameAs(lifecycle);
				context.getBean(Taskora.class).task("serialized", String.class, String.class).register().dispatch("x");
				verify(serializer).serialize("x");
			});
	}

	@Test
	void bindsDefaultsInSpringAndTaskoraDurationForms() {
		this.runner
			.withPropertyValues("taskora.defaults.concurrency=4", "taskora.defaults.timeout=5m",
					"taskora.defaults.retry.attempts=3", "taskora.defaults.retry.backoff=linear",
					"taskora.defaults.retry.delay=PT2S", "taskora.defaults.retry.max-delay=1500",
					"taskora.defaults.retry.jitter=false", "taskora.defaults.stall.interval=1m",
					"taskora.defaults.stall.max-count=0", "taskora.retention.completed.max-age=2h",
					"taskora.retention.completed.max-items=10", "taskora.retention.failed.max-age=1d",
					"taskora.retention.failed.max-items=0", "taskora.retention.cancelled.max-items=5",
					"taskora.retention.expired.max-age=1h", "taskora.worker.shutdown-timeout=10s")
			.run(context -> {
				Taskora taskora = context.getBean(Taskora.class);
				Task<String, String> task = taskora.task("probe", String.class, String.class).register();
				TaskOptions options = task.options();
				assertThat(options.concurrency()).isEqualTo(4);
				assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(5));
				assertThat(options.retry().attempts()).isEqualTo(3);
				assertThat(options.retry().backoff()).isSameAs(Backoff.LINEAR);
				assertThat(options.retry().delay()).isEqualTo(Duration.ofSeconds(2));
				assertThat(options.retry().maxDelay()).isEqualTo(Duration.ofMillis(1500));
				assertThat(options.retry().jitter()).isFalse();
				assertThat(options.stall().interval()).isEqualTo(Duration.ofMinutes(1));
				assertThat(options.stall().maxCount()).isZero();
				assertThat(taskora.retention()).isEqualTo(new Retention(new Retention.Rule(Duration.ofHours(2), 10),
						new Retention.Rule(Duration.ofDays(1), 0), new Retention.Rule(Duration.ofDays(7), 5),
						new Retention.Rule(Duration.ofHours(1), 300)));
				assertThat(context.getBean(TaskoraProperties.class).getWorker().getShutdownTimeout())
					.isEqualTo(Duration.ofSeconds(10));
			});
	}

	@Test
	void zeroTimeoutMeansNoTimeout() {
		this.runner.withPropertyValues("taskora.defaults.timeout=0").run(context -> {
			Task<String, String> task = context.getBean(Taskora.class)
				.task("probe", String.class, String.class)
				.register();
			assertThat(task.options().timeout()).isNull();
		});
	}

	@Test
	void appliesCustomizersInOrderAfterProperties() {
		this.runner.withPropertyValues("taskora.defaults.concurrency=2")
			.withUserConfiguration(CustomizerConfiguration.class)
			.run(context -> {
				assertThat(context.getBean(CustomizerConfiguration.class).calls).containsExactly("first", "second");
				Task<String, String> task = context.getBean(Taskora.class)
					.task("probe", String.class, String.class)
					.register();
				assertThat(task.options().concurrency()).isEqualTo(7);
			});
	}

	@Test
	void disablingWorkersKeepsAProducer() {
		this.runner.withPropertyValues("taskora.worker.enabled=false").run(context -> {
			assertThat(context.getBean(TaskoraWorkerLifecycle.class).isWorkersEnabled()).isFalse();
			assertThat(context.getBean(TaskoraWorkerLifecycle.class).isRunning()).isTrue();
			assertThat(context.getBean(Taskora.class).isRunning()).isFalse();
		});
	}

	@Test
	void startsWorkersWithTheContextAndClosesTaskoraWithIt() {
		this.runner.run(context -> {
			Taskora taskora = context.getBean(Taskora.class);
			assertThat(taskora.isRunning()).isTrue();
			context.close();
			assertThat(taskora.isRunning()).isFalse();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTaskoraConfiguration {

		@Bean
		Taskora userTaskora() {
			return Taskora.builder().adapter(MemoryAdapter.create()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		TaskoraBuilderCustomizer second() {
			return builder -> {
				this.calls.add("second");
				builder.defaults(defaults -> defaults.concurrency(7));
			};
		}

		@Bean
		@Order(1)
		TaskoraBuilderCustomizer first() {
			return builder -> {
				this.calls.add("first");
				builder.defaults(defaults -> defaults.concurrency(3));
			};
		}

	}

	/** The app writes its jobs through the given adapter. */
	private static void assertStoresIn(Taskora taskora, Adapter adapter) {
		Task<String, String> probe = taskora.task("probe-" + UUID.randomUUID(), String.class, String.class).register();
		ResultHandle<String> handle = probe.dispatch("x");
		handle.enqueued().join();
		assertThat(adapter.inspect().findJob(probe.name(), handle.id()).join()).isNotNull();
	}

}
