package dev.taskora.spring.boot.test.autoconfigure.slice.redis;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.spring.annotation.TaskConsumer;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with one consumer, for {@code @TaskoraTest(adapter = REDIS)}. */
@SpringBootApplication
public class RedisSliceApplication {

	@TaskConsumer("receipt")
	public static class ReceiptConsumer implements TaskHandler<String, String> {

		@Override
		public String handle(String customer, JobContext ctx) {
			ctx.log().info("receipt for " + customer);
			return "RCPT-" + customer;
		}

	}

}
