package dev.taskora.engine.schedule;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.ScheduleStore;
import dev.taskora.engine.adapter.StoredSchedule;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.internal.TimedWork;
import dev.taskora.engine.internal.TimerClock;
import dev.taskora.engine.serialize.Serializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.taskora.engine.internal.Futures.join;

/**
 * The scheduler of one app: stores the app's schedule definitions and, on a thread of its
 * own, ticks every poll interval: it takes or renews the leader lock and, while it holds
 * it, runs the schedules that fell due. Exactly one process holds the lock; when it dies
 * without releasing it, another takes over once the lock expires.
 * <p>
 * On a virtual clock (a {@link TimerClock}, the test runner's) it starts no thread: the
 * test runner moves the clock from one due run to the next and ticks it there
 * ({@link TimedWork}).
 * <p>
 * <strong>Internal, not API:</strong> {@link dev.taskora.engine.Taskora} creates, starts
 * and stops it; applications use {@link Schedules}.
 */
public final class Scheduler implements TimedWork {

	private static final Logger logger = LoggerFactory.getLogger(Scheduler.class);

	/** How long {@link #stop()} waits for a tick in progress. */
	private static final Duration STOP_WAIT = Duration.ofSeconds(10);

	private final TaskoraRuntime runtime;

	private final SchedulerOptions options;

	private final String token = UUID.randomUUID().toString();

	private final Reports reports = new Reports();

	private final DueRuns dueRuns;

	private final Schedules schedules;

	/** Guarded by {@code this}. */
	private final Map<String, Definition> definitions = new LinkedHashMap<>();

	/** Guarded by {@code this}: defined, not stored yet. */
	private final Set<String> unstored = new LinkedHashSet<>();

	/** Guarded by {@code this}: the adapter the definitions were stored in. */
	private @Nullable Adapter storedIn;

	/** Guarded by {@code this}. */
	private @Nullable ScheduledExecutorService loop;

	/** Guarded by {@code this}. */
	private boolean started;

	/** Held for a whole tick, so ticks from the loop and from a test never interleave. */
	private final Object ticking = new Object();

	private volatile boolean leader;

	private volatile boolean failing;

	/**
	 * @param runtime the app's services: adapter, clock, tasks, serializer
	 * @param options poll interval, lock TTL, mode
	 */
	public Scheduler(TaskoraRuntime runtime, SchedulerOptions options) {
		options.check();
		this.runtime = runtime;
		this.options = options;
		this.dueRuns = new DueRuns(this);
		this.schedules = new StoreSchedules(this);
	}

	/**
	 * Checks a definition without keeping it.
	 * @throws InvalidScheduleException naming the schedule and the field at fault
	 */
	public void validate(String name, Task<?, ?> task, Schedule schedule) {
		Definition.check(name, task, schedule, serializer());
	}

	/**
	 * Adds a schedule of this app. It is stored when the app starts (or at once if it
	 * runs), and by the first {@link Schedules} call or tick before that.
	 * @throws InvalidScheduleException naming the schedule and the field at fault
	 */
	public void define(String name, Task<?, ?> task, Schedule schedule) {
		Definition definition = Definition.check(name, task, schedule, serializer());
		boolean running;
		synchronized (this) {
			if (this.definitions.containsKey(name)) {
				throw new InvalidScheduleException(name, "name", "is already defined in this app");
			}
			this.definitions.put(name, definition);
			this.unstored.add(name);
			running = this.started;
		}
		if (running) {
			storeDefinitions();
			startLoop();
		}
	}

	/** Runtime management of every schedule in the store. */
	public Schedules schedules() {
		return this.schedules;
	}

	/**
	 * Stores the app's schedules, then ticks on a thread of its own unless the mode says
	 * otherwise.
	 */
	public void start() {
		synchronized (this) {
			if (this.started) {
				return;
			}
			this.started = true;
		}
		storeDefinitions();
		startLoop();
	}

	/**
	 * Stops ticking, waiting for a tick in progress, and releases the leader lock so that
	 * another process takes over at its next tick.
	 */
	public void stop() {
		ScheduledExecutorService running;
		synchronized (this) {
			running = this.loop;
			this.loop = null;
			this.started = false;
		}
		if (running != null) {
			running.shutdown();
			try {
				if (!running.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
					running.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				running.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
		resign();
	}

	/**
	 * One round: stores new definitions, takes or renews the leader lock, and if this
	 * process leads, runs every schedule due now.
	 * @return the jobs dispatched
	 */
	public List<ResultHandle<?>> tick() {
		synchronized (this.ticking) {
			storeDefinitions();
			ScheduleStore store = store();
			boolean leading;
			try {
				leading = join(store.acquireLeadership(this.token, this.options.lockTtl().toMillis()));
			}
			catch (RuntimeException ex) {
				this.leader = false;
				throw ex;
			}
			if (leading != this.leader) {
				logger.info(leading ? "This process now runs the schedules (leader)"
						: "This process no longer runs the schedules: another took the lead");
			}
			this.leader = leading;
			if (!leading) {
				return List.of();
			}
			long now = clock().millis();
			List<ResultHandle<?>> dispatched = new ArrayList<>();
			for (StoredSchedule schedule : join(store.claimDue(now, now + this.options.lockTtl().toMillis()))) {
				try {
					dispatched.addAll(this.dueRuns.run(schedule, now));
				}
				catch (RuntimeException ex) {
					logger.warn("Schedule '{}' could not run; it is due again when its lease ends", schedule.name(),
							ex);
				}
			}
			return dispatched;
		}
	}

	/** Whether this process held the leader lock at its last tick. */
	public boolean isLeader() {
		return this.leader;
	}

	/**
	 * The earliest next run of any schedule in the store, or {@code null} when there is
	 * none.
	 */
	@Override
	public @Nullable Long nextDueAt() {
		storeDefinitions();
		Long earliest = null;
		for (StoredSchedule schedule : join(store().list())) {
			Long next = schedule.nextRun();
			if (next != null && (earliest == null || next < earliest)) {
				earliest = next;
			}
		}
		return earliest;
	}

	/** {@link #tick() Ticks}. */
	@Override
	public List<ResultHandle<?>> runDue() {
		return tick();
	}

	/**
	 * Forgets what was stored and who led: the definitions are stored again, from the
	 * clock's time, at the next tick or {@link Schedules} call.
	 */
	@Override
	public void reset() {
		synchronized (this.ticking) {
			synchronized (this) {
				this.unstored.addAll(this.definitions.keySet());
			}
			this.leader = false;
			this.reports.clearAll();
		}
	}

	// ---- for the package

	ScheduleStore store() {
		return this.runtime.adapter().schedules();
	}

	Adapter adapter() {
		return this.runtime.adapter();
	}

	Clock clock() {
		return this.runtime.clock();
	}

	@Nullable Task<?, ?> task(String name) {
		return this.runtime.task(name);
	}

	Serializer serializer() {
		return this.runtime.serializer();
	}

	SchedulerOptions options() {
		return this.options;
	}

	Reports reports() {
		return this.reports;
	}

	/**
	 * Stores definitions not stored yet; a definition already in the store keeps its
	 * history.
	 */
	void storeDefinitions() {
		List<Definition> pending;
		Adapter current = this.runtime.adapter();
		synchronized (this) {
			if (this.storedIn != current) {
				// the app moved to another store (a test runner's): it has none of them
				// yet
				this.unstored.addAll(this.definitions.keySet());
				this.storedIn = current;
			}
			if (this.unstored.isEmpty()) {
				return;
			}
			pending = this.unstored.stream().map(this.definitions::get).toList();
		}
		for (Definition definition : pending) {
			Registrations.store(store(), definition, clock().millis());
			synchronized (this) {
				this.unstored.remove(definition.name());
			}
		}
	}

	// ---- the loop

	private synchronized void startLoop() {
		if (!this.started || this.loop != null) {
			return;
		}
		boolean run = switch (this.options.mode()) {
			case ALWAYS -> true;
			case NEVER -> false;
			case AUTO -> !this.definitions.isEmpty();
		};
		if (!run || clock() instanceof TimerClock) {
			// a virtual clock moves only when a test moves it, and the test runner ticks
			// then
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "taskora-scheduler");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleAtFixedRate(this::tickAndLog, 0, this.options.pollInterval().toMillis(),
				TimeUnit.MILLISECONDS);
		this.loop = executor;
	}

	private void tickAndLog() {
		try {
			tick();
			if (this.failing) {
				this.failing = false;
				logger.info("Scheduler ticks again");
			}
		}
		catch (RuntimeException ex) {
			// One warning per outage: the loop retries every tick.
			if (!this.failing) {
				this.failing = true;
				logger.warn("Scheduler tick failed; retrying every {}", this.options.pollInterval(), ex);
			}
			else {
				logger.debug("Scheduler tick failed again", ex);
			}
		}
	}

	private void resign() {
		synchronized (this.ticking) {
			if (!this.leader) {
				return;
			}
			this.leader = false;
			try {
				join(store().releaseLeadership(this.token));
			}
			catch (RuntimeException ex) {
				logger.debug("Could not release the scheduler lock; it expires on its own", ex);
			}
		}
	}

}
