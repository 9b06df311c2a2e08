package dev.taskora.engine.adapter.redis;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures everything a logger tree writes, DEBUG included, while open; the lines are
 * kept off the console meanwhile. Logback is the tests' SLF4J binding.
 */
final class LogCapture implements AutoCloseable {

	private final Logger logger;

	private final Level previousLevel;

	private final boolean previousAdditive;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	LogCapture(String loggerName) {
		this.logger = (Logger) LoggerFactory.getLogger(loggerName);
		this.previousLevel = this.logger.getLevel();
		this.previousAdditive = this.logger.isAdditive();
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logger.setLevel(Level.DEBUG);
		this.logger.setAdditive(false);
	}

	/** The events so far. */
	List<ILoggingEvent> events() {
		synchronized (this.appender.list) {
			return List.copyOf(this.appender.list);
		}
	}

	/** The events so far at the level or above. */
	List<ILoggingEvent> atLeast(Level level) {
		return events().stream().filter(event -> event.getLevel().isGreaterOrEqual(level)).toList();
	}

	/** The events so far at exactly the level. */
	List<ILoggingEvent> at(Level level) {
		return events().stream().filter(event -> event.getLevel() == level).toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.previousLevel);
		this.logger.setAdditive(this.previousAdditive);
	}

}
