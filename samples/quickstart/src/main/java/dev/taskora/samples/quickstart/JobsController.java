package dev.taskora.samples.quickstart;

import java.net.URI;
import java.time.Duration;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.ResultHandle;
import dev.taskora.samples.quickstart.ChargeCardConsumer.Charge;
import dev.taskora.samples.quickstart.GenerateReportConsumer.ReportRequest;
import dev.taskora.samples.quickstart.SendEmailConsumer.Email;
import dev.taskora.spring.core.JobSnapshot;
import dev.taskora.spring.core.TaskoraOperations;

import org.springframework.http.ResponseEntity;
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

	public JobsController(TaskoraOperations taskora) {
		this.taskora = taskora;
	}

	@PostMapping("/emails")
	ResponseEntity<Accepted> sendEmail(@RequestBody Email email,
			@RequestParam(defaultValue = "0") long delaySeconds) {
		return accepted(this.taskora.dispatch("send-email", email, DispatchOptions.delay(Duration.ofSeconds(delaySeconds))));
	}

	@PostMapping("/reports")
	ResponseEntity<Accepted> generateReport(@RequestBody ReportRequest request) {
		return accepted(this.taskora.dispatch("generate-report", request));
	}

	@PostMapping("/charges")
	ResponseEntity<Accepted> charge(@RequestBody Charge charge) {
		return accepted(this.taskora.dispatch("charge-card", charge));
	}

	@GetMapping("/jobs/{id}")
	ResponseEntity<JobSnapshot> job(@PathVariable String id) {
		return ResponseEntity.of(this.taskora.findJob(id));
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

}
