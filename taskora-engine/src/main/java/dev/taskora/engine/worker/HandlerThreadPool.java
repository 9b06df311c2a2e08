package dev.taskora.engine.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * The platform threads a task's handlers run on: at most {@code size} daemon threads,
 * started as needed and kept. Handlers are short next to a thread wake-up on a small
 * machine, so it wakes idle threads sparingly: a new task wakes one only while no woken
 * thread is still on its way to the queue, and each thread that takes a task while more
 * wait wakes the next. A busy thread thus runs a burst of tasks in a row where a plain
 * pool wakes a thread for each (a worker's settle answer brings a burst: the jobs claimed
 * for the slots it settled). Tasks that block still get a thread each, one wake-up apart.
 */
final class HandlerThreadPool extends AbstractExecutorService {

	private final String namePrefix;

	private final int size;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	/** Parked threads, the most recently parked first (its caches are warmest). */
	private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();

	/** Threads woken that have not reached the queue yet. */
	private final AtomicInteger searching = new AtomicInteger();

	private final AtomicInteger started = new AtomicInteger();

	private final List<Worker> workers = new ArrayList<>();

	private final CountDownLatch terminated;

	private volatile boolean shutdown;

	private volatile boolean stopped;

	HandlerThreadPool(String namePrefix, int size) {
		if (size < 1) {
			throw new IllegalArgumentException("size must be at least 1, was " + size);
		}
		this.namePrefix = namePrefix;
		this.size = size;
		this.terminated = new CountDownLatch(size);
	}

	@Override
	public void execute(Runnable task) {
		if (this.shutdown) {
			throw new RejectedExecutionException(this.namePrefix + " threads are shut down");
		}
		if (this.searching.get() == 0 && this.idle.isEmpty() && startWorker(task)) {
			return;
		}
		this.tasks.add(task);
		signal();
	}

	/** Wakes an idle thread, or starts one, unless a woken thread is on its way. */
	private void signal() {
		if (this.searching.get() != 0 || this.tasks.isEmpty()) {
			return;
		}
		Worker worker = this.idle.pollFirst();
		if (worker != null) {
			this.searching.incrementAndGet();
			worker.wake();
		}
		else {
			startWorker(null);
		}
	}

	/** Starts a thread with its first task, unless all are started. */
	private boolean startWorker(@Nullable Runnable first) {
		int count;
		do {
			count = this.started.get();
			if (count >= this.size) {
				return false;
			}
		}
		while (!this.started.compareAndSet(count, count + 1));
		Worker worker = new Worker(first);
		Thread thread = new Thread(worker, this.namePrefix + (count + 1));
		thread.setDaemon(true);
		worker.thread = thread;
		synchronized (this.workers) {
			this.workers.add(worker);
		}
		thread.start();
		return true;
	}

	@Override
	public void shutdown() {
		this.shutdown = true;
		wakeAll();
	}

	@Override
	public List<Runnable> shutdownNow() {
		this.shutdown = true;
		this.stopped = true;
		List<Runnable> left = new ArrayList<>();
		for (Runnable task = this.tasks.poll(); task != null; task = this.tasks.poll()) {
			left.add(task);
		}
		synchronized (this.workers) {
			for (Worker worker : this.workers) {
				Thread thread = worker.thread;
				if (thread != null) {
					thread.interrupt();
				}
			}
		}
		wakeAll();
		return left;
	}

	/** Unparks every thread to see the shutdown; threads never started count as ended. */
	private void wakeAll() {
		for (int never = this.started.getAndSet(this.size); never < this.size; never++) {
			this.terminated.countDown();
		}
		synchronized (this.workers) {
			for (Worker worker : this.workers) {
				Thread thread = worker.thread;
				if (thread != null) {
					LockSupport.unpark(thread);
				}
			}
		}
	}

	@Override
	public boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public boolean isTerminated() {
		return this.terminated.getCount() == 0;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		return this.terminated.await(timeout, unit);
	}

	private final class Worker implements Runnable {

		private @Nullable Runnable first;

		volatile @Nullable Thread thread;

		/** Set by whoever woke this thread; it then counts as searching. */
		private volatile boolean woken;

		Worker(@Nullable Runnable first) {
			this.first = first;
		}

		void wake() {
			this.woken = true;
			Thread thread = this.thread;
			if (thread != null) {
				LockSupport.unpark(thread);
			}
		}

		@Override
		public void run() {
			try {
				Runnable task = this.first;
				this.first = null;
				while (task != null || (task = next()) != null) {
					runTask(task);
					task = null;
				}
			}
			finally {
				HandlerThreadPool.this.terminated.countDown();
			}
		}

		private void runTask(Runnable task) {
			try {
				task.run();
			}
			catch (RuntimeException | Error ex) {
				Thread current = Thread.currentThread();
				current.getUncaughtExceptionHandler().uncaughtException(current, ex);
			}
			finally {
				// a handler's pending interrupt must not reach the next task
				if (!HandlerThreadPool.this.stopped) {
					Thread.interrupted();
				}
			}
		}

		/** The next task, parking while there is none; null once the pool shuts down. */
		private @Nullable Runnable next() {
			HandlerThreadPool pool = HandlerThreadPool.this;
			while (true) {
				Runnable task = pool.stopped ? null : pool.tasks.poll();
				if (this.woken) {
					this.woken = false;
					pool.searching.decrementAndGet();
				}
				if (task != null) {
					pool.signal();
					return task;
				}
				if (pool.shutdown) {
					return null;
				}
				pool.idle.addFirst(this);
				if (!pool.tasks.isEmpty() && pool.idle.remove(this)) {
					continue;
				}
				while (!this.woken && !pool.shutdown) {
					LockSupport.park(pool);
				}
				if (!this.woken) {
					pool.idle.remove(this);
				}
			}
		}

	}

}
