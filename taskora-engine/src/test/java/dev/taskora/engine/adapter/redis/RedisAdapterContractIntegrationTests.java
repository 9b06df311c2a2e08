package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.List;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The adapter contract on Redis, one nested class per facet: every test gets adapters
 * with a key prefix of its own.
 */
class RedisAdapterContractIntegrationTests implements AdapterFactory {

	private final String prefix = RedisTestServer.uniquePrefix();

	private final List<RedisAdapter> readers = new ArrayList<>();

	/**
	 * Options for the Redis the contract runs on; a subclass runs it on another
	 * deployment.
	 */
	RedisAdapterOptions.Builder options() {
		return RedisTestServer.get().options();
	}

	@Override
	public Adapter create() {
		return RedisAdapter.create(options().prefix(this.prefix).build());
	}

	@Override
	public Adapter sharingStoreWith(Adapter used) {
		RedisAdapter reader = RedisAdapter.create(options().prefix(this.prefix).build());
		this.readers.add(reader);
		return reader;
	}

	@AfterEach
	void disconnectReaders() {
		this.readers.forEach(reader -> reader.disconnect().join());
	}

	@Nested
	class Jobs extends JobsContract {

		Jobs() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class JobRetries extends JobRetriesContract {

		JobRetries() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class Maintenance extends MaintenanceContract {

		Maintenance() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class EventFeed extends EventFeedContract {

		EventFeed() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class Inspect extends InspectContract {

		Inspect() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class Inspector extends InspectorContract {

		Inspector() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class DeadLetters extends DeadLettersContract {

		DeadLetters() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class Workers extends WorkersContract {

		Workers() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class FlowDispatch extends FlowDispatchContract {

		FlowDispatch() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class FlowRaces extends FlowRaceContract {

		FlowRaces() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class CollectTasks extends CollectContract {

		CollectTasks() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class ExecutionLimits extends ExecutionLimitsContract {

		ExecutionLimits() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class ScheduleStore extends ScheduleStoreContract {

		ScheduleStore() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class Schedules extends SchedulesContract {

		Schedules() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	/**
	 * Whether the deployment runs workflows: on a Cluster, their scripts span the slots
	 * of several tasks.
	 */
	boolean runsWorkflows() {
		return true;
	}

	@Nested
	class TaskContracts extends TaskContractsContract {

		TaskContracts() {
			super(RedisAdapterContractIntegrationTests.this);
		}

	}

	@Nested
	class Workflows extends WorkflowsContract {

		Workflows() {
			super(RedisAdapterContractIntegrationTests.this);
		}

		@BeforeEach
		void onlyWhereWorkflowsRun() {
			assumeTrue(runsWorkflows(), "a workflow's scripts touch the keys of several tasks, which a Cluster "
					+ "keeps on different slots");
		}

	}

}
