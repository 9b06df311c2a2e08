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
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Test auto-configuration imported by {@link AutoConfigureTaskora}: a memory adapter on a virtual
 * clock, registered before {@link TaskoraAutoConfiguration} so that it replaces any Redis
 * connection, and the {@link TaskoraTestHarness}.
 */
@AutoConfiguration(before = TaskoraAutoConfiguration.class)
@ConditionalOnClass(Taskora.class)
public final class TaskoraTestAutoConfiguration {

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

	@Bean
	@ConditionalOnMissingBean
	TaskoraTestHarness taskoraTestHarness(Taskora taskora, TaskoraOperations operations,
			ObjectProvider<TaskoraWorkerLifecycle> lifecycle) {
		// The harness reads the app's own adapter and clock: an application's own adapter may run on another clock.
		return new TaskoraTestHarness(taskora, operations, lifecycle.getIfUnique());
	}

}
