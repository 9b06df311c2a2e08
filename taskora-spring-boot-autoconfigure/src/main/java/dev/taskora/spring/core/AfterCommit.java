package dev.taskora.spring.core;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * Runs a dispatch when the transaction bound to the current thread commits, and drops it
 * when the transaction rolls back; at once without a transaction (or without spring-tx).
 */
final class AfterCommit {

	private static final Logger logger = LoggerFactory.getLogger(AfterCommit.class);

	private static final boolean TRANSACTIONS_PRESENT = ClassUtils.isPresent(
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			AfterCommit.class.getClassLoader());

	private AfterCommit() {
	}

	static <H> CompletableFuture<H> run(String task, Supplier<H> dispatch) {
		if (TRANSACTIONS_PRESENT && Synchronization.active()) {
			return Synchronization.register(task, dispatch);
		}
		return now(dispatch);
	}

	private static <H> CompletableFuture<H> now(Supplier<H> dispatch) {
		try {
			return CompletableFuture.completedFuture(dispatch.get());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** Loaded only when spring-tx is on the classpath. */
	private static final class Synchronization {

		static boolean active() {
			return TransactionSynchronizationManager.isSynchronizationActive();
		}

		static <H> CompletableFuture<H> register(String task, Supplier<H> dispatch) {
			CompletableFuture<H> dispatched = new CompletableFuture<>();
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					if (status == STATUS_COMMITTED) {
						now(dispatch).whenComplete((handle, error) -> {
							if (error != null) {
								logger.warn("Dispatch of task '{}' after commit failed", task, error);
								dispatched.completeExceptionally(error);
							}
							else {
								dispatched.complete(handle);
							}
						});
					}
					else {
						logger.debug("Transaction did not commit: job of task '{}' not dispatched", task);
						dispatched.completeExceptionally(new CancellationException("The transaction did not commit,"
								+ " so the job of task '" + task + "' was not dispatched"));
					}
				}

			});
			return dispatched;
		}

	}

}
