package dev.taskora.spring.boot.test.autoconfigure;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.testing.VirtualClock;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.TaskoraWorkerLifecycle;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Test auto-configuration imported by {@link AutoConfigureTaskora}: a memory adapter on a
 * virtual clock, registered before {@link TaskoraAutoConfiguration} so that it replaces
 * any Redis connection (unless {@code taskora.test.adapter=redis}: then the application's
 * Redis, through Spring Data Redis when present), and the {@link TaskoraTestHarness}.
 */
@AutoConfiguration(before = TaskoraAutoConfiguration.class)
@ConditionalOnClass(Taskora.class)
public final class TaskoraTestAutoConfiguration {

	/**
	 * The store of the test, {@code memory} (the default) or {@code redis}: set by
	 * {@link TaskoraTest#adapter()}, or by hand for {@link AutoConfigureTaskora}.
	 */
	public static final String ADAPTER_PROPERTY = "taskora.test.adapter";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = ADAPTER_PROPERTY, havingValue = "memory", matchIfMissing = true)
	static class MemoryStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		VirtualClock taskoraVirtualClock() {
			return new VirtualClock();
		}

		@Bean
		@ConditionalOnMissingBean(Adapter.class)
		MemoryAdapter taskoraAdapter(VirtualClock clock) {
			return MemoryAdapter.create(clock);
		}

	}

	/**
	 * The application's Redis connection through Spring Data Redis, which a test slice
	 * does not configure otherwise; {@code taskora.redis.url} works without it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = ADAPTER_PROPERTY, havingValue = "redis")
	@ConditionalOnClass(name = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
	@ImportAutoConfiguration(DataRedisAutoConfiguration.class)
	static class DataRedisStoreConfiguration {

	}

	@Bean
	@ConditionalOnMissingBean
	TaskoraTestHarness taskoraTestHarness(Taskora taskora, TaskoraOperations operations,
			ObjectProvider<TaskoraWorkerLifecycle> lifecycle) {
		// The harness reads the app's own adapter and clock: an application's own adapter
		// may run on another clock.
		return new TaskoraTestHarness(taskora, operations, lifecycle.getIfUnique());
	}

}
