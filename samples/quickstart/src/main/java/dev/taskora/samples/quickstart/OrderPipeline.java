package dev.taskora.samples.quickstart;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.workflow.WorkflowHandle;
import dev.taskora.engine.workflow.WorkflowInfo;
import dev.taskora.engine.workflow.Workflows;
import dev.taskora.samples.quickstart.PaymentGateway.CardToken;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.core.TaskoraOperations;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An order pipeline as a workflow: {@code validate-order}, then {@code charge-order} and
 * {@code reserve-stock} in parallel, then {@code ship-order} with both results (a chord).
 * A declined card fails {@code charge-order} for good, which fails the workflow and
 * cancels the rest: the reservation if it is still running, and the shipment.
 */
@RestController
public class OrderPipeline {

	private final TaskoraOperations taskora;

	private final PaymentGateway gateway;

	public OrderPipeline(TaskoraOperations taskora, PaymentGateway gateway) {
		this.taskora = taskora;
		this.gateway = gateway;
	}

	/**
	 * Builds and dispatches the workflow of one order; the card goes to the gateway's
	 * vault first.
	 */
	public WorkflowHandle<Object> place(OrderRequest request) {
		CardToken card = this.gateway.tokenize(request.card());
		Order order = new Order(card.token(), card.masked(), request.amountCents(), request.items());
		return Workflows.chain(this.taskora.signature("validate-order", order),
				Workflows.chord(
						List.of(this.taskora.signature("charge-order"), this.taskora.signature("reserve-stock")),
						this.taskora.signature("ship-order")))
			.dispatch();
	}

	@PostMapping("/orders")
	ResponseEntity<Placed> placeOrder(@RequestBody OrderRequest request) {
		WorkflowHandle<Object> handle = place(request);
		handle.dispatched().join();
		return ResponseEntity.accepted()
			.location(URI.create("/workflows/" + handle.id()))
			.body(new Placed(handle.id()));
	}

	@GetMapping("/workflows/{id}")
	ResponseEntity<WorkflowInfo> workflow(@PathVariable String id) {
		return ResponseEntity.of(this.taskora.workflows().find(id));
	}

	/**
	 * What a client posts.
	 *
	 * @param card the card number
	 * @param amountCents the amount to charge
	 * @param items the items to ship
	 */
	public record OrderRequest(String card, long amountCents, List<String> items) {
	}

	/**
	 * @param workflowId the order's workflow
	 */
	record Placed(String workflowId) {
	}

	/**
	 * An order as the workflow carries it: the card as a gateway token, never its number.
	 *
	 * @param cardToken the gateway's token
	 * @param card the card as shown to people
	 * @param amountCents the amount
	 * @param items the items
	 */
	public record Order(String cardToken, String card, long amountCents, List<String> items) {
	}

	/**
	 * @param chargeId the gateway's charge id @param amountCents the amount charged
	 */
	public record Payment(String chargeId, long amountCents) {
	}

	/**
	 * @param reservationId the warehouse's reservation @param items the items held
	 */
	public record Reservation(String reservationId, List<String> items) {
	}

	/**
	 * What the chord hands {@code ship-order}: its header's results, a JSON array in
	 * member order.
	 *
	 * @param payment the charge
	 * @param reservation the stock held
	 */
	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	public record Paid(Payment payment, Reservation reservation) {
	}

	/**
	 * @param trackingId the carrier's tracking id @param chargeId what paid for it
	 */
	public record Shipment(String trackingId, String chargeId) {
	}

	@TaskConsumer("validate-order")
	public static class ValidateOrder implements TaskHandler<Order, Order> {

		@Override
		public Order handle(Order order, JobContext ctx) {
			if (order.items().isEmpty() || order.amountCents() <= 0) {
				throw new IllegalArgumentException("An order needs items and a positive amount");
			}
			return order;
		}

	}

	@TaskConsumer(name = "charge-order", noRetryOn = CardDeclinedException.class)
	public static class ChargeOrder implements TaskHandler<Order, Payment> {

		private final PaymentGateway gateway;

		public ChargeOrder(PaymentGateway gateway) {
			this.gateway = gateway;
		}

		@Override
		public Payment handle(Order order, JobContext ctx) {
			return new Payment(this.gateway.charge(order.cardToken(), order.amountCents()), order.amountCents());
		}

	}

	@TaskConsumer("reserve-stock")
	public static class ReserveStock implements TaskHandler<Order, Reservation> {

		@Override
		public Reservation handle(Order order, JobContext ctx) {
			return new Reservation("res-" + ctx.id().substring(0, 8), order.items());
		}

	}

	@TaskConsumer("ship-order")
	public static class ShipOrder implements TaskHandler<Paid, Shipment> {

		@Override
		public Shipment handle(Paid paid, JobContext ctx) {
			return new Shipment("trk-" + paid.reservation().reservationId(), paid.payment().chargeId());
		}

	}

}
