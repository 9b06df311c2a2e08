package dev.taskora.samples.split.producer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.taskora.engine.Task;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.samples.split.contracts.ImageContracts;
import dev.taskora.samples.split.contracts.ImageContracts.ResizeRequest;
import dev.taskora.samples.split.contracts.ImageContracts.Thumbnail;
import dev.taskora.spring.core.TaskoraOperations;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /thumbnails} dispatches a resize; {@code GET /thumbnails/{id}} tells how it
 * went.
 */
@RestController
class ThumbnailController {

	private final TaskoraOperations taskora;

	private final Task<ResizeRequest, Thumbnail> resizeImage;

	ThumbnailController(TaskoraOperations taskora) {
		this.taskora = taskora;
		this.resizeImage = taskora.task(ImageContracts.RESIZE_IMAGE);
	}

	@PostMapping("/thumbnails")
	ResponseEntity<Map<String, String>> resize(@RequestBody ResizeRequest request) {
		String id = this.resizeImage.dispatch(request).awaitEnqueued(Duration.ofSeconds(5)).id();
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id));
	}

	@GetMapping("/thumbnails/{id}")
	ResponseEntity<Map<String, Object>> status(@PathVariable String id) {
		return this.taskora.findJob(id)
			.map(ThumbnailController::describe)
			.map(ResponseEntity::ok)
			.orElse(ResponseEntity.notFound().build());
	}

	/**
	 * The contract's Bean Validation constraints, field by field: nothing was dispatched.
	 */
	@ExceptionHandler(ValidationException.class)
	ResponseEntity<Map<String, Object>> invalid(ValidationException ex) {
		Map<String, String> fields = new LinkedHashMap<>();
		ex.violations().forEach(violation -> fields.put(violation.path(), violation.message()));
		return ResponseEntity.badRequest().body(Map.of("error", "invalid request", "fields", fields));
	}

	private static Map<String, Object> describe(JobSnapshot<Object, Object> job) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("state", job.state());
		if (job.result() != null) {
			body.put("result", job.result());
		}
		if (job.error() != null) {
			body.put("error", job.error());
		}
		return body;
	}

}
