package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.testing.JobProcessor;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.AfterEach;

/**
 * What every facet's contract tests share: apps on a fresh adapter (live, with real
 * workers on the system clock, or under a virtual clock and processed step by step), and
 * the adapter each app runs on. An adapter's test class, an {@link AdapterFactory}, runs
 * every facet's contract against it, one nested class per facet:
 * {@code @Nested class Jobs extends JobsContract}.
 */
public abstract class AdapterContract {

	protected static final Duration WAIT = Duration.ofSeconds(10);

	private final List<Taskora> apps = new ArrayList<>();

	private final Map<Taskora, Adapter> adapters = new IdentityHashMap<>();

	private final AdapterFactory factory;

	protected AdapterContract(AdapterFactory factory) {
		this.factory = factory;
	}

	/** A fresh adapter whose keys no other test sees. */
	protected Adapter createAdapter() {
		return this.factory.create();
	}

	@AfterEach
	void closeApps() {
		Collections.reverse(this.apps);
		this.apps.forEach(app -> app.close(Duration.ofSeconds(5)));
	}

	/** A live app: real workers, system clock. */
	protected Taskora live(Consumer<Taskora.Builder> customizer) {
		Adapter adapter = createAdapter();
		Taskora.Builder builder = Taskora.builder().adapter(adapter).shutdownTimeout(Duration.ofSeconds(5));
		customizer.accept(builder);
		return track(builder.build(), adapter);
	}

	protected Taskora live() {
		return live(builder -> {
		});
	}

	/** A second live app sharing the store of {@code app}, as another process would. */
	protected Taskora liveSharingStoreWith(Taskora app) {
		return liveSharingStoreWith(app, builder -> {
		});
	}

	/**
	 * A second live app sharing the store of {@code app}, configured further by
	 * {@code customizer}.
	 */
	protected Taskora liveSharingStoreWith(Taskora app, Consumer<Taskora.Builder> customizer) {
		Adapter adapter = this.factory.sharingStoreWith(adapter(app));
		Taskora.Builder builder = Taskora.builder().adapter(adapter).shutdownTimeout(Duration.ofSeconds(5));
		customizer.accept(builder);
		return track(builder.build(), adapter);
	}

	/** An app under a virtual clock, connected, processed by {@link #processAll}. */
	protected Taskora virtual(VirtualClock clock) {
		Adapter adapter = new ClockedAdapter(createAdapter(), clock);
		Taskora app = track(Taskora.builder().adapter(adapter).build(), adapter);
		app.connect();
		return app;
	}

	/** The adapter the app was built with. */
	protected Adapter adapter(Taskora app) {
		Adapter adapter = this.adapters.get(app);
		if (adapter == null) {
			throw new IllegalArgumentException("Not an app of this test: " + app);
		}
		return adapter;
	}

	/** A reader of the store of an app that was closed. */
	protected Adapter readerAfterClose(Taskora app) {
		return this.factory.sharingStoreWith(adapter(app));
	}

	/** Runs every claimable job of every task on this thread; returns how many ran. */
	protected static int processAll(Taskora app) {
		return new JobProcessor(app).processAll();
	}

	/** A task name no other test uses. */
	protected static String name() {
		return "t-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** A claim request with a fresh token, at the adapter's time. */
	protected static ClaimRequest claimRequest(Adapter adapter, long lockTtlMs) {
		return new ClaimRequest(UUID.randomUUID().toString(), lockTtlMs, adapter.clock().millis(), false, false);
	}

	private Taskora track(Taskora app, Adapter adapter) {
		this.apps.add(app);
		this.adapters.put(app, adapter);
		return app;
	}

	/** A payload record for typed round trips. */
	protected record Echo(String text) {
	}

}
