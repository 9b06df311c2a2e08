package dev.taskora.engine.adapter.memory;

import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.AdapterFactory;
import dev.taskora.engine.adapter.CollectContract;
import dev.taskora.engine.adapter.DeadLettersContract;
import dev.taskora.engine.adapter.EventFeedContract;
import dev.taskora.engine.adapter.ExecutionLimitsContract;
import dev.taskora.engine.adapter.FlowDispatchContract;
import dev.taskora.engine.adapter.FlowRaceContract;
import dev.taskora.engine.adapter.InspectContract;
import dev.taskora.engine.adapter.InspectorContract;
import dev.taskora.engine.adapter.JobRetriesContract;
import dev.taskora.engine.adapter.JobsContract;
import dev.taskora.engine.adapter.MaintenanceContract;
import dev.taskora.engine.adapter.ScheduleStoreContract;
import dev.taskora.engine.adapter.SchedulesContract;
import dev.taskora.engine.adapter.TaskContractsContract;
import dev.taskora.engine.adapter.WorkersContract;
import dev.taskora.engine.adapter.WorkflowsContract;
import org.junit.jupiter.api.Nested;

/** The adapter contract on the memory adapter, one nested class per facet. */
class MemoryAdapterContractTests implements AdapterFactory {

	@Override
	public Adapter create() {
		return MemoryAdapter.create();
	}

	/** The store lives in the adapter object and stays readable after disconnect. */
	@Override
	public Adapter sharingStoreWith(Adapter used) {
		return used;
	}

	@Nested
	class Jobs extends JobsContract {

		Jobs() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class JobRetries extends JobRetriesContract {

		JobRetries() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class Maintenance extends MaintenanceContract {

		Maintenance() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class EventFeed extends EventFeedContract {

		EventFeed() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class Inspect extends InspectContract {

		Inspect() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class Inspector extends InspectorContract {

		Inspector() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class DeadLetters extends DeadLettersContract {

		DeadLetters() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class Workers extends WorkersContract {

		Workers() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class FlowDispatch extends FlowDispatchContract {

		FlowDispatch() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class FlowRaces extends FlowRaceContract {

		FlowRaces() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class CollectTasks extends CollectContract {

		CollectTasks() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class ExecutionLimits extends ExecutionLimitsContract {

		ExecutionLimits() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class ScheduleStore extends ScheduleStoreContract {

		ScheduleStore() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class Schedules extends SchedulesContract {

		Schedules() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class TaskContracts extends TaskContractsContract {

		TaskContracts() {
			super(MemoryAdapterContractTests.this);
		}

	}

	@Nested
	class Workflows extends WorkflowsContract {

		Workflows() {
			super(MemoryAdapterContractTests.this);
		}

	}

}
