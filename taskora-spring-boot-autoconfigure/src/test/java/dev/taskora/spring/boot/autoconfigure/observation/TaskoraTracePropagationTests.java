package dev.taskora.spring.boot.autoconfigure.observation;

import java.time.Duration;
import java.util.List;

import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.EchoConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a real tracer (OpenTelemetry's SDK behind Micrometer Tracing's bridge, W3C
 * propagation), the span of a job's run continues the trace of its dispatch: the
 * dispatch's trace context is stored with the job and read back by the worker, on either
 * adapter.
 */
class TaskoraTracePropagationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final InMemorySpanExporter spans = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.spans))
		.build();

	private final ObservationRegistry observations = tracingRegistry();

	@AfterEach
	void closeTracer() {
		this.tracerProvider.close();
	}

	@Nested
	class Memory {

		private final ApplicationContextRunner runner = runner().withPropertyValues("taskora.adapter=memory");

		@Test
		void theProcessSpanContinuesTheTraceOfTheDispatch() {
			this.runner.run(context -> assertProcessContinuesDispatch(context.getBean(TaskoraOperations.class)));
		}

		@Test
		void aJobDispatchedWithoutATraceContextStartsItsOwnTrace() {
			this.runner.run(context -> assertUntracedJobStartsATrace(context.getBean(Taskora.class)));
		}

	}

	@Nested
	class Redis {

		private final ApplicationContextRunner runner = runner()
			.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.withPropertyValues("taskora.redis.url=" + RedisTestServer.get().url(),
					"taskora.prefix=" + RedisTestServer.uniquePrefix());

		@Test
		void theProcessSpanContinuesTheTraceOfTheDispatch() {
			this.runner.run(context -> assertProcessContinuesDispatch(context.getBean(TaskoraOperations.class)));
		}

		@Test
		void aJobDispatchedWithoutATraceContextStartsItsOwnTrace() {
			this.runner.run(context -> assertUntracedJobStartsATrace(context.getBean(Taskora.class)));
		}

	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraObservationAutoConfiguration.class))
			.withBean(ObservationRegistry.class, () -> this.observations)
			.withBean(EchoConsumer.class);
	}

	private void assertProcessContinuesDispatch(TaskoraOperations operations) {
		operations.dispatch("echo", "traced").await(WAIT);

		SpanData dispatch = span("echo dispatch");
		SpanData process = span("echo process");
		assertThat(dispatch.getKind()).isEqualTo(SpanKind.PRODUCER);
		assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
		assertThat(process.getTraceId()).isEqualTo(dispatch.getTraceId());
		assertThat(process.getParentSpanId()).isEqualTo(dispatch.getSpanId());
	}

	/**
	 * A job stored without headers, as Node taskora (or the engine without a template)
	 * writes one.
	 */
	private void assertUntracedJobStartsATrace(Taskora taskora) {
		@SuppressWarnings("unchecked")
		Task<String, String> echo = (Task<String, String>) taskora.findTask("echo").orElseThrow();
		echo.dispatch("untraced").await(WAIT);

		SpanData process = span("echo process");
		assertThat(this.spans.getFinishedSpanItems()).extracting(SpanData::getName).doesNotContain("echo dispatch");
		assertThat(process.getParentSpanContext().isValid()).as("a root span").isFalse();
	}

	private SpanData span(String name) {
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(this.spans.getFinishedSpanItems()).extracting(SpanData::getName).contains(name));
		List<SpanData> named = this.spans.getFinishedSpanItems()
			.stream()
			.filter(span -> span.getName().equals(name))
			.toList();
		assertThat(named).hasSize(1);
		return named.get(0);
	}

	private ObservationRegistry tracingRegistry() {
		io.opentelemetry.api.trace.Tracer otel = this.tracerProvider.get("taskora-test");
		OtelCurrentTraceContext current = new OtelCurrentTraceContext();
		OtelTracer tracer = new OtelTracer(otel, current, event -> {
		}, new OtelBaggageManager(current, List.of(), List.of()));
		OtelPropagator propagator = new OtelPropagator(
				ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
					new DefaultTracingObservationHandler(tracer)));
		return registry;
	}

}
