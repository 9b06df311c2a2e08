package dev.taskora.samples.quickstart;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;

/**
 * A stand-in for an SMTP client whose server drops the first connection for each
 * recipient, so that {@link SendEmailConsumer}'s retries have something to do.
 */
@Service
public class Mailer {

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	private final Map<String, String> sent = new ConcurrentHashMap<>();

	/** Sends a message and returns its id; fails the first time for each recipient. */
	public String send(String to, String subject) {
		if (this.seen.add(to)) {
			throw new IllegalStateException("SMTP connection reset while sending to " + to);
		}
		String messageId = UUID.randomUUID().toString();
		this.sent.put(messageId, to + ": " + subject);
		return messageId;
	}

	/** Messages sent so far, by id. */
	public Map<String, String> sent() {
		return Map.copyOf(this.sent);
	}

}
