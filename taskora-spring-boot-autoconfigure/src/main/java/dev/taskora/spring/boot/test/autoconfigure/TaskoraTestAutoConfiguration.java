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
			ObjectProvider<Adapter> adapter, ObjectProvider<TaskoraWorkerLifecycle> lifecycle) {
		MemoryAdapter memory = (adapter.getIfUnique() instanceof MemoryAdapter used) ? used : null;
		// The clock the store reads, which is not the clock bean if the application brought its own adapter.
		VirtualClock clock = (memory != null && memory.clock() instanceof VirtualClock virtual) ? virtual : null;
		return new TaskoraTestHarness(taskora, operations, memory, clock, lifecycle.getIfUnique());
	}

}
