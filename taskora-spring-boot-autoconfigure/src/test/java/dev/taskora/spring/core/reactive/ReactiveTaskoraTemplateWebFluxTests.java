package dev.taskora.spring.core.reactive;

import java.time.Duration;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobContext;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.flow.Deduplicate;
import dev.taskora.engine.flow.DuplicateJobException;
import dev.taskora.engine.flow.Throttle;
import dev.taskora.engine.flow.ThrottledException;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.boot.autoconfigure.reactive.TaskoraReactiveAutoConfiguration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reactive dispatch through WebFlux handlers: the request that dispatches returns the job
 * id once the store holds the job, and the request for the result completes when the job
 * does.
 */
class ReactiveTaskoraTemplateWebFluxTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraReactiveAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory")
		.withBean(ReportConsumer.class);

	// tag::reactive-routes[]
	static RouterFunction<ServerResponse> reportRoutes(ReactiveTaskoraOperations taskora) {
		return RouterFunctions.route()
			.POST("/reports",
					request -> request.bodyToMono(ReportRequest.class)
						.flatMap(report -> taskora.enqueue("generate-report", report))
						.flatMap(handle -> ServerResponse.accepted().bodyValue(handle.id())))
			.GET("/reports/{id}",
					request -> taskora.result(taskora.job("generate-report", request.pathVariable("id")))
						.flatMap(report -> ServerResponse.ok().bodyValue(report)))
			.build();
	}
	// end::reactive-routes[]

	// tag::reactive-throw-on-reject[]
	static RouterFunction<ServerResponse> exportRoutes(ReactiveTaskoraOperations taskora) {
		return RouterFunctions.route().POST("/exports/{user}", request -> {
			String user = request.pathVariable("user");
			DispatchOptions oncePerHour = DispatchOptions.builder()
				.throttle(new Throttle("export:" + user, 1, Duration.ofHours(1)))
				.throwOnReject(true)
				.build();
			return taskora.enqueue("generate-report", new ReportRequest(user), oncePerHour)
				.flatMap(handle -> ServerResponse.accepted().bodyValue(handle.id()))
				.onErrorResume(ThrottledException.class,
						ex -> ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS).bodyValue("throttled: " + ex.key()));
		}).build();
	}
	// end::reactive-throw-on-reject[]

	@Test
	void aRefusalTheOptionsAskToBeThrownIsAnErrorSignalTheHandlerAnswers() {
		this.runner.run(context -> {
			WebTestClient client = WebTestClient
				.bindToRouterFunction(exportRoutes(context.getBean(ReactiveTaskoraOperations.class)))
				.configureClient()
				.responseTimeout(Duration.ofSeconds(10))
				.build();
			client.post().uri("/exports/ada").exchange().expectStatus().isAccepted();
			client.post()
				.uri("/exports/ada")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
				.expectBody(String.class)
				.isEqualTo("throttled: export:ada");
			client.post().uri("/exports/bob").exchange().expectStatus().isAccepted();
			assertThat(context.getBean(dev.taskora.spring.core.TaskoraOperations.class)
				.counts("generate-report")
				.values()
				.stream()
				.mapToLong(Long::longValue)
				.sum()).isEqualTo(2);
		});
	}

	@Test
	void aDuplicateRefusedWithThrowOnRejectSignalsTheJobItDuplicates() {
		this.runner.run(context -> {
			ReactiveTaskoraOperations taskora = context.getBean(ReactiveTaskoraOperations.class);
			DispatchOptions later = DispatchOptions.builder()
				.delay(Duration.ofHours(1))
				.deduplicate(new Deduplicate("report:grace"))
				.build();
			ResultHandle<Object> first = taskora.enqueue("generate-report", new ReportRequest("grace"), later)
				.block(Duration.ofSeconds(10));
			Mono<ResultHandle<Object>> again = taskora.enqueue("generate-report", new ReportRequest("grace"),
					later.toBuilder().throwOnReject(true).build());
			assertThatExceptionOfType(DuplicateJobException.class).isThrownBy(() -> again.block(Duration.ofSeconds(10)))
				.satisfies(ex -> assertThat(ex.existingId()).isEqualTo(first.id()));
			ResultHandle<Object> quiet = taskora.enqueue("generate-report", new ReportRequest("grace"), later)
				.block(Duration.ofSeconds(10));
			assertThat(quiet.enqueued()).isCompletedWithValue(false);
			assertThat(quiet.existingId()).isEqualTo(first.id());
		});
	}

	@Test
	void aWebFluxHandlerDispatchesWithoutBlockingAndAnotherAwaitsTheResult() {
		this.runner.run(context -> {
			WebTestClient client = WebTestClient
				.bindToRouterFunction(reportRoutes(context.getBean(ReactiveTaskoraOperations.class)))
				.configureClient()
				.responseTimeout(Duration.ofSeconds(10))
				.build();
			String id = client.post()
				.uri("/reports")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new ReportRequest("ada"))
				.exchange()
				.expectStatus()
				.isAccepted()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(id).isNotBlank();
			client.get()
				.uri("/reports/{id}", id)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("{\"user\":\"ada\",\"lines\":3}");
		});
	}

	@Test
	void enqueueIsColdAndEmitsTheHandleOnceStored() {
		this.runner.run(context -> {
			ReactiveTaskoraOperations taskora = context.getBean(ReactiveTaskoraOperations.class);
			Mono<ResultHandle<Object>> enqueue = taskora.enqueue("generate-report", new ReportRequest("grace"));
			assertThat(
					context.getBean(dev.taskora.spring.core.TaskoraOperations.class).counts("generate-report").values())
				.allMatch(count -> count == 0);
			ResultHandle<Object> handle = enqueue.block(Duration.ofSeconds(10));
			assertThat(handle.enqueued()).isCompletedWithValue(true);
			assertThat(taskora.result(handle).block(Duration.ofSeconds(10))).hasFieldOrPropertyWithValue("user",
					"grace");
		});
	}

	@Test
	void anUnknownTaskSignalsAnError() {
		this.runner.run(context -> {
			Mono<ResultHandle<Object>> enqueue = context.getBean(ReactiveTaskoraOperations.class)
				.enqueue("generate-reprot", "x");
			assertThat(enqueue.onErrorResume(IllegalArgumentException.class, ex -> Mono.empty())
				.blockOptional(Duration.ofSeconds(5))).isEmpty();
		});
	}

	@Test
	void backsOffWithoutReactor() {
		this.runner.withClassLoader(new FilteredClassLoader(Mono.class))
			.run(context -> assertThat(context).doesNotHaveBean(ReactiveTaskoraOperations.class));
	}

	record ReportRequest(String user) {
	}

	record Report(String user, int lines) {
	}

	@TaskConsumer("generate-report")
	static class ReportConsumer implements TaskHandler<ReportRequest, Report> {

		@Override
		public Report handle(ReportRequest request, JobContext ctx) {
			return new Report(request.user(), 3);
		}

	}

}
