package dev.taskora.samples.quickstart;

/** The card issuer said no; retrying will not change its mind. */
public class CardDeclinedException extends RuntimeException {

	public CardDeclinedException(String message) {
		super(message);
	}

}
