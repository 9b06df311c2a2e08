package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.List;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.AdapterContractTests;
import org.junit.jupiter.api.AfterEach;

/** The adapter contract on Redis: every test gets adapters with a key prefix of its own. */
class RedisAdapterContractIntegrationTests extends AdapterContractTests {

	private final String prefix = RedisTestServer.uniquePrefix();

	private final List<RedisAdapter> readers = new ArrayList<>();

	@Override
	protected Adapter createAdapter() {
		return RedisAdapter.create(RedisTestServer.get().options().prefix(this.prefix).build());
	}

	@Override
	protected Adapter createAdapterSharingStoreWith(Taskora app) {
		RedisAdapter reader = RedisAdapter.create(RedisTestServer.get().options().prefix(this.prefix).build());
		this.readers.add(reader);
		return reader;
	}

	@AfterEach
	void disconnectReaders() {
		this.readers.forEach(reader -> reader.disconnect().join());
	}

}
