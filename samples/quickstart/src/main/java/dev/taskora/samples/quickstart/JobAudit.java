package dev.taskora.samples.quickstart;

import dev.taskora.engine.event.FailedEvent;
import dev.taskora.engine.event.WorkerReadyEvent;
import dev.taskora.spring.annotation.OnTaskEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/** Logs every permanent failure of any task, and when workers are ready. */
@Component
public class JobAudit {

	private static final Logger logger = LoggerFactory.getLogger(JobAudit.class);

	@OnTaskEvent
	void onFailed(FailedEvent event) {
		if (!event.willRetry()) {
			logger.warn("Job {} of task '{}' failed after attempt {}: {}", event.id(), event.task(), event.attempt(),
					event.error());
		}
	}

	@OnTaskEvent
	void onReady(WorkerReadyEvent event) {
		logger.info("Workers ready for {}", event.tasks());
	}

}
