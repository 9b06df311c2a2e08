package dev.taskora.samples.quickstart;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.spring.annotation.TaskConsumer;

/**
 * Charges a card. A declined card is final: it is never retried and the job lands in the failed
 * set, where {@code POST /actuator/taskora/{id}/retry} can send it back once the card is fixed.
 */
@TaskConsumer(name = "charge-card", retryAttempts = "3", retryDelay = "1s", noRetryOn = CardDeclinedException.class)
public class ChargeCardConsumer implements TaskHandler<ChargeCardConsumer.Charge, ChargeCardConsumer.Receipt> {

	@Override
	public Receipt handle(Charge charge, JobContext ctx) {
		if (charge.card().endsWith("0000")) {
			throw new CardDeclinedException("Card " + mask(charge.card()) + " was declined");
		}
		ctx.log().info("Charged " + charge.amountCents() + " cents to " + mask(charge.card()));
		return new Receipt(mask(charge.card()), charge.amountCents());
	}

	private static String mask(String card) {
		return "**** " + card.substring(Math.max(card.length() - 4, 0));
	}

	/**
	 * @param card card number
	 * @param amountCents amount to charge
	 */
	public record Charge(String card, long amountCents) {
	}

	/**
	 * @param card masked card number
	 * @param amountCents amount charged
	 */
	public record Receipt(String card, long amountCents) {
	}

}
