package dev.taskora.engine.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.adapter.JobDetails;
import dev.taskora.engine.internal.Futures;

/**
 * Pages of jobs by state: one task's page is one store call; a page across the app's
 * tasks asks every task at once and merges their pages in the state's order.
 */
final class JobListings {

	private final InspectSupport support;

	JobListings(InspectSupport support) {
		this.support = support;
	}

	List<JobSnapshot<Object, Object>> list(String task, JobState state, Paging paging) {
		this.support.requireTask(task);
		return details(task, state, paging.offset(), paging.limit()).stream()
			.map(job -> this.support.lenient(job.record(), job.logs()))
			.toList();
	}

	<I, O> List<JobSnapshot<I, O>> list(Task<I, O> task, JobState state, Paging paging) {
		return details(task.name(), state, paging.offset(), paging.limit()).stream()
			.map(job -> this.support.typed(task, job.record(), job.logs()))
			.toList();
	}

	/**
	 * A page across every task of the app: each task's first {@code offset + limit} jobs,
	 * asked for at once, merged in the state's order (each task's own order kept), then
	 * the page cut out.
	 */
	List<JobSnapshot<Object, Object>> listAll(JobState state, Paging paging) {
		if (paging.limit() == 0) {
			return List.of();
		}
		int window = (int) Math.min(Integer.MAX_VALUE, (long) paging.offset() + paging.limit());
		List<String> tasks = this.support.taskNames();
		List<CompletableFuture<List<JobDetails>>> pages = new ArrayList<>(tasks.size());
		for (String task : tasks) {
			pages.add(this.support.read(store -> store.listJobs(task, state, 0, window)));
		}
		List<List<JobDetails>> perTask = new ArrayList<>(pages.size());
		pages.forEach(page -> perTask.add(Futures.join(page)));
		List<JobDetails> merged = merge(perTask, state, window);
		List<JobSnapshot<Object, Object>> page = new ArrayList<>(paging.limit());
		for (int i = paging.offset(); i < merged.size(); i++) {
			page.add(this.support.lenient(merged.get(i).record(), merged.get(i).logs()));
		}
		return page;
	}

	List<JobDetails> details(String task, JobState state, int offset, int limit) {
		return Futures.join(this.support.read(store -> store.listJobs(task, state, offset, limit)));
	}

	/**
	 * A k-way merge: at each step the head that comes first in the state's order, ties by
	 * task.
	 */
	private static List<JobDetails> merge(List<List<JobDetails>> perTask, JobState state, int max) {
		Comparator<JobDetails> byScore = Comparator.comparingLong(JobDetails::score);
		Comparator<JobDetails> order = state.isTerminal() ? byScore.reversed() : byScore;
		PriorityQueue<Head> heads = new PriorityQueue<>(
				Comparator.<Head, JobDetails>comparing(head -> head.current(), order).thenComparingInt(Head::task));
		for (int i = 0; i < perTask.size(); i++) {
			if (!perTask.get(i).isEmpty()) {
				heads.add(new Head(perTask.get(i), i));
			}
		}
		List<JobDetails> merged = new ArrayList<>();
		while (!heads.isEmpty() && merged.size() < max) {
			Head head = heads.poll();
			merged.add(head.current());
			if (head.advance()) {
				heads.add(head);
			}
		}
		return merged;
	}

	/** A task's page and how far the merge has taken from it. */
	private static final class Head {

		private final List<JobDetails> jobs;

		private final int task;

		private int index;

		Head(List<JobDetails> jobs, int task) {
			this.jobs = jobs;
			this.task = task;
		}

		JobDetails current() {
			return this.jobs.get(this.index);
		}

		int task() {
			return this.task;
		}

		boolean advance() {
			return ++this.index < this.jobs.size();
		}

	}

}
