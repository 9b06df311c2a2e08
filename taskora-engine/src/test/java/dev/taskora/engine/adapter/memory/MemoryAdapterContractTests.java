package dev.taskora.engine.adapter.memory;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.AdapterContractTests;

/** The adapter contract on the memory adapter. */
class MemoryAdapterContractTests extends AdapterContractTests {

	@Override
	protected Adapter createAdapter() {
		return MemoryAdapter.create();
	}

	@Override
	protected Adapter createAdapterSharingStoreWith(Taskora app) {
		// The store lives in the adapter object and stays readable after disconnect.
		return app.adapter();
	}

}
