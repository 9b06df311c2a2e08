package dev.taskora.samples.quickstart;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.spring.annotation.TaskConsumer;

/**
 * Sends an email; a dropped SMTP connection is retried with exponential backoff (2 s, 4
 * s).
 */
@TaskConsumer(name = "send-email", concurrency = "${quickstart.email.concurrency:4}", retryAttempts = "3",
		retryBackoff = "exponential", retryDelay = "2s")
public class SendEmailConsumer implements TaskHandler<SendEmailConsumer.Email, SendEmailConsumer.Sent> {

	private final Mailer mailer;

	public SendEmailConsumer(Mailer mailer) {
		this.mailer = mailer;
	}

	@Override
	public Sent handle(Email email, JobContext ctx) {
		ctx.log().info("Sending to " + email.to() + " (attempt " + ctx.attempt() + ")");
		return new Sent(this.mailer.send(email.to(), email.subject()));
	}

	/**
	 * @param to recipient
	 * @param subject subject line
	 */
	public record Email(String to, String subject) {
	}

	/**
	 * @param messageId the mail server's id
	 */
	public record Sent(String messageId) {
	}

}
