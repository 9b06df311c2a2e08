package dev.taskora.samples.split.contracts;

import java.time.Duration;

import dev.taskora.engine.contract.TaskContract;
import dev.taskora.engine.retry.Retry;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * What the producer and the worker share: the task's name, types and defaults, and
 * nothing of the worker's image code. In a larger codebase this package is a Maven module
 * of its own.
 */
public final class ImageContracts {

	/**
	 * Version 2: version 1 producers sent the width as {@code w}; the worker migrates
	 * their jobs.
	 */
	public static final TaskContract<ResizeRequest, Thumbnail> RESIZE_IMAGE = TaskContract
		.define("resize-image", ResizeRequest.class, Thumbnail.class)
		.retry(Retry.exponential(3, Duration.ofSeconds(1)))
		.timeout(Duration.ofSeconds(30))
		.version(2)
		.build();

	private ImageContracts() {
	}

	/** What to resize; validated on dispatch and again on the worker. */
	public record ResizeRequest(@NotBlank String url, @Positive @Max(4096) int width) {
	}

	/** The stored thumbnail. */
	public record Thumbnail(String key, int width) {
	}

}
