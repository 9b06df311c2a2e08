package dev.taskora.samples.quickstart;

import java.net.URI;
import java.time.Duration;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.samples.quickstart.ChargeCardConsumer.Charge;
import dev.taskora.samples.quickstart.GenerateReportConsumer.ReportRequest;
import dev.taskora.samples.quickstart.PaymentGateway.CardToken;
import dev.taskora.samples.quickstart.SendEmailConsumer.Email;
import dev.taskora.spring.core.TaskoraOperations;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dispatches work and shows jobs. Every POST answers {@code 202 Accepted} with the job id at once;
 * {@code GET /jobs/{id}} follows it.
 */
@RestController
public class JobsController {

	private final TaskoraOperations taskora;

	private final PaymentGateway gateway;

	public JobsController(TaskoraOperations taskora, PaymentGateway gateway) {
		this.taskora = taskora;
		this.gateway = gateway;
	}

	@PostMapping("/emails")
	ResponseEntity<Accepted> sendEmail(@RequestBody Email email,
			@RequestParam(defaultValue = "0") long delaySeconds) {
		return accepted(this.taskora.enqueue("send-email", email, DispatchOptions.delay(Duration.ofSeconds(delaySeconds))));
	}

	@PostMapping("/reports")
	ResponseEntity<Accepted> generateReport(@RequestBody ReportRequest request) {
		return accepted(this.taskora.enqueue("generate-report", request));
	}

	/** The card number goes to the gateway's vault at once; the job gets its token. */
	@PostMapping("/charges")
	ResponseEntity<Accepted> charge(@RequestBody ChargeRequest request) {
		CardToken card = this.gateway.tokenize(request.card());
		return accepted(this.taskora.enqueue("charge-card", new Charge(card.token(), card.masked(), request.amountCents())));
	}

	@GetMapping("/jobs/{id}")
	ResponseEntity<JobSnapshot<Object, Object>> job(@PathVariable String id) {
		return ResponseEntity.of(this.taskora.findJob(id));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage()));
	}

	private static ResponseEntity<Accepted> accepted(ResultHandle<?> handle) {
		return ResponseEntity.accepted()
			.location(URI.create("/jobs/" + handle.id()))
			.body(new Accepted(handle.id(), handle.task()));
	}

	/**
	 * @param id the job id
	 * @param task the task
	 */
	record Accepted(String id, String task) {
	}

	/**
	 * What a client posts to charge a card.
	 *
	 * @param card the card number
	 * @param amountCents amount to charge
	 */
	record ChargeRequest(String card, long amountCents) {
	}

}
