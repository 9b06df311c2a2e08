package dev.taskora.spring.core;

import dev.taskora.engine.Taskora;

/**
 * The worker of one {@link dev.taskora.spring.annotation.TaskConsumer @TaskConsumer},
 * found in the {@link TaskConsumerRegistry} by its id: paused, its worker claims no more
 * jobs (running ones finish) and its jobs wait, while every other consumer goes on;
 * resumed, it claims them again. The pause outlives a stop and restart of the
 * application's workers.
 */
public final class TaskConsumerContainer {

	private final Taskora taskora;

	private final String id;

	private final String task;

	private final String beanName;

	private final boolean autoStartup;

	/**
	 * @param taskora the app the consumer's task belongs to
	 * @param id the container id
	 * @param task the task the consumer handles
	 * @param beanName the consumer bean
	 * @param autoStartup whether its worker starts with the application
	 */
	public TaskConsumerContainer(Taskora taskora, String id, String task, String beanName, boolean autoStartup) {
		this.taskora = taskora;
		this.id = id;
		this.task = task;
		this.beanName = beanName;
		this.autoStartup = autoStartup;
	}

	/** The container id ({@code @TaskConsumer(id)}, else the task name). */
	public String getId() {
		return this.id;
	}

	/** The task the consumer handles. */
	public String getTask() {
		return this.task;
	}

	/** The bean hosting the consumer. */
	public String getBeanName() {
		return this.beanName;
	}

	/** Whether the worker starts with the application. */
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	/**
	 * Stops claiming jobs of the task; running jobs get up to the shutdown timeout to
	 * finish, the rest go back to waiting. Pausing a paused consumer does nothing.
	 */
	public void pause() {
		this.taskora.pauseWorker(this.task);
	}

	/**
	 * Claims jobs of the task again, at once while the application's workers run.
	 * Resuming a running consumer does nothing.
	 */
	public void resume() {
		this.taskora.resumeWorker(this.task);
	}

	/**
	 * Whether the consumer is paused (or was never started, with
	 * {@code autoStartup = "false"}).
	 */
	public boolean isPaused() {
		return this.taskora.isWorkerPaused(this.task);
	}

	/**
	 * Whether the consumer's worker is claiming jobs now: the app's workers run and it is
	 * not paused.
	 */
	public boolean isRunning() {
		return this.taskora.isRunning() && !isPaused();
	}

	@Override
	public String toString() {
		return "TaskConsumerContainer[id=" + this.id + ", task=" + this.task + ", bean=" + this.beanName + ", paused="
				+ isPaused() + "]";
	}

}
