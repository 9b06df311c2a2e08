package dev.taskora.samples.quickstart;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * A stand-in for a payment provider. Like a real one, it keeps card numbers in its vault
 * and hands out tokens, so a card number never enters a job (whose payload anyone who can
 * read the queue, {@code /jobs} or the actuator sees). Like a provider's sandbox, it
 * declines the test card {@value #DECLINED_CARD} and charges any other. Its vault lives
 * in this JVM only.
 */
@Service
public class PaymentGateway {

	/** The card this gateway always declines. */
	public static final String DECLINED_CARD = "4000000000000002";

	private final Map<String, String> vault = new ConcurrentHashMap<>();

	/**
	 * Stores a card and returns the token that stands for it.
	 * @throws IllegalArgumentException when it is not a card number
	 */
	public CardToken tokenize(@Nullable String cardNumber) {
		String digits = (cardNumber != null) ? cardNumber.replaceAll("[ -]", "") : "";
		if (!digits.matches("\\d{12,19}")) {
			throw new IllegalArgumentException("card must be a card number of 12 to 19 digits");
		}
		String token = "tok_" + UUID.randomUUID().toString().replace("-", "");
		this.vault.put(token, digits);
		return new CardToken(token, digits.substring(digits.length() - 4));
	}

	/**
	 * Charges the card behind a token.
	 * @return the provider's charge id
	 * @throws CardDeclinedException when the card is declined (or the token unknown)
	 */
	public String charge(String token, long amountCents) {
		String card = this.vault.get(token);
		if (card == null) {
			throw new CardDeclinedException("Card token " + token + " is unknown to the gateway");
		}
		if (card.equals(DECLINED_CARD)) {
			throw new CardDeclinedException("Card " + CardToken.mask(card) + " was declined");
		}
		return "ch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	/**
	 * A stored card: the token to charge it with, and its last four digits to show.
	 *
	 * @param token the gateway's token
	 * @param last4 the last four digits of the card number
	 */
	public record CardToken(String token, String last4) {

		/** The card as shown to people: {@code **** 4242}. */
		public String masked() {
			return "**** " + this.last4;
		}

		static String mask(String card) {
			return "**** " + card.substring(card.length() - 4);
		}

	}

}
