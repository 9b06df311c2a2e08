package dev.taskora.spring.boot.autoconfigure.board;

import java.util.List;
import java.util.Map;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.BlockingConsumer;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.EchoConsumer;
import dev.taskora.spring.config.TaskoraScheduleRegistrar;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The app the board's tests run: an echo task, a task that blocks until cancelled, an
 * order task with secrets in its payload, two schedules.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ EchoConsumer.class, BlockingConsumer.class, BoardTestApp.OrderConsumer.class })
public class BoardTestApp {

	@Bean
	TaskoraScheduleRegistrar echoSchedule() {
		return taskora -> {
			taskora.schedule("echo-hourly", "echo", Schedule.every("1h").data("tick"));
			taskora.schedule("echo-nightly", "echo", Schedule.cron("0 3 * * *").zone("UTC").data("nightly"));
		};
	}

	/**
	 * An order with a customer and payments; fails when {@code fail} is set, else answers
	 * a receipt holding a token, and logs the card with its meta.
	 */
	public record Order(String id, Map<String, Object> customer, List<Map<String, Object>> payments, boolean fail) {
	}

	/** A receipt. */
	public record Receipt(String id, String token) {
	}

	@TaskConsumer(name = "orders", retryAttempts = "1")
	public static class OrderConsumer implements TaskHandler<Order, Receipt> {

		@Override
		public Receipt handle(Order order, JobContext ctx) {
			ctx.log()
				.info("charging " + order.id(), Map.of("card", Map.of("creditCard", "4111-1111", "brand", "visa")));
			if (order.fail()) {
				throw new IllegalStateException("card declined for " + order.id());
			}
			return new Receipt(order.id(), "tok-secret-" + order.id());
		}

	}

}
