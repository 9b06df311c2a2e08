package dev.taskora.samples.quickstart;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.spring.annotation.TaskConsumer;

/**
 * Charges a card through the {@link PaymentGateway}. The job carries the gateway's token
 * and the card's last four digits, never the card number. A declined card is final: it is
 * never retried and the job lands in the failed set, where {@code POST
 * /actuator/taskora/{id}/retry} can send it back.
 */
@TaskConsumer(name = "charge-card", retryAttempts = "3", retryDelay = "1s", noRetryOn = CardDeclinedException.class)
public class ChargeCardConsumer implements TaskHandler<ChargeCardConsumer.Charge, ChargeCardConsumer.Receipt> {

	private final PaymentGateway gateway;

	public ChargeCardConsumer(PaymentGateway gateway) {
		this.gateway = gateway;
	}

	@Override
	public Receipt handle(Charge charge, JobContext ctx) {
		String chargeId = this.gateway.charge(charge.cardToken(), charge.amountCents());
		ctx.log().info("Charged " + charge.amountCents() + " cents to " + charge.card());
		return new Receipt(chargeId, charge.card(), charge.amountCents());
	}

	/**
	 * @param cardToken the payment gateway's token for the card
	 * @param card the card as shown to people ({@code **** 4242})
	 * @param amountCents amount to charge
	 */
	public record Charge(String cardToken, String card, long amountCents) {
	}

	/**
	 * @param chargeId the gateway's charge id
	 * @param card the card as shown to people
	 * @param amountCents amount charged
	 */
	public record Receipt(String chargeId, String card, long amountCents) {
	}

}
