package dev.taskora.samples.quickstart;

import java.net.URI;
import java.time.Duration;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.flow.Deduplicate;
import dev.taskora.engine.flow.Throttle;
import dev.taskora.engine.flow.ThrottledException;
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
 * Dispatches work and shows jobs. Every POST answers {@code 202 Accepted} with the job id
 * at once; {@code GET /jobs/{id}} follows it. Flow control keeps clients honest: a user
 * has one report in the works at a time (asking again answers with that job,
 * {@code "duplicate": true}), and each recipient gets at most
 * {@value #EMAILS_PER_RECIPIENT_PER_HOUR} emails an hour ({@code 429} beyond).
 */
@RestController
public class JobsController {

	/** The throttle of {@code POST /emails}, per recipient. */
	static final int EMAILS_PER_RECIPIENT_PER_HOUR = 5;

	private final TaskoraOperations taskora;

	private final PaymentGateway gateway;

	public JobsController(TaskoraOperations taskora, PaymentGateway gateway) {
		this.taskora = taskora;
		this.gateway = gateway;
	}

	/**
	 * Throttled per recipient: a refusal is thrown (throwOnReject) and answered with 429.
	 */
	@PostMapping("/emails")
	ResponseEntity<Accepted> sendEmail(@RequestBody Email email, @RequestParam(defaultValue = "0") long delaySeconds) {
		DispatchOptions options = DispatchOptions.builder()
			.delay(Duration.ofSeconds(delaySeconds))
			.throttle(new Throttle("email:" + email.to(), EMAILS_PER_RECIPIENT_PER_HOUR, Duration.ofHours(1)))
			.throwOnReject(true)
			.build();
		return accepted(this.taskora.enqueue("send-email", email, options));
	}

	/**
	 * Deduplicated per user: while the user's report is on its way, its job is the
	 * answer.
	 */
	@PostMapping("/reports")
	ResponseEntity<Accepted> generateReport(@RequestBody ReportRequest request) {
		if (request.user() == null || request.user().isBlank()) {
			throw new IllegalArgumentException("user must not be blank");
		}
		DispatchOptions options = DispatchOptions.builder()
			.deduplicate(new Deduplicate("report:" + request.user()))
			.build();
		return accepted(this.taskora.enqueue("generate-report", request, options));
	}

	/** The card number goes to the gateway's vault at once; the job gets its token. */
	@PostMapping("/charges")
	ResponseEntity<Accepted> charge(@RequestBody ChargeRequest request) {
		CardToken card = this.gateway.tokenize(request.card());
		return accepted(
				this.taskora.enqueue("charge-card", new Charge(card.token(), card.masked(), request.amountCents())));
	}

	@GetMapping("/jobs/{id}")
	ResponseEntity<JobSnapshot<Object, Object>> job(@PathVariable String id) {
		return ResponseEntity.of(this.taskora.findJob(id));
	}

	@ExceptionHandler(ThrottledException.class)
	ResponseEntity<ProblemDetail> throttled(ThrottledException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"At most " + EMAILS_PER_RECIPIENT_PER_HOUR + " emails an hour per recipient (" + ex.key() + ")");
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "3600").body(problem);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.badRequest()
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage()));
	}

	/**
	 * The job the dispatch stored, or for a refused duplicate the job that was there
	 * first.
	 */
	private static ResponseEntity<Accepted> accepted(ResultHandle<?> handle) {
		boolean stored = handle.enqueued().join();
		String id = stored ? handle.id() : handle.existingId();
		return ResponseEntity.accepted()
			.location(URI.create("/jobs/" + id))
			.body(new Accepted(id, handle.task(), !stored));
	}

	/**
	 * @param id the job id
	 * @param task the task
	 * @param duplicate whether the request was a duplicate of a job already on its way
	 */
	record Accepted(String id, String task, boolean duplicate) {
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
