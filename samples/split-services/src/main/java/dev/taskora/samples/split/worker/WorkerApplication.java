package dev.taskora.samples.split.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The worker: implements the contract and serves no HTTP. Run with
 * {@code --spring.profiles.active=worker}; start as many as the queue needs.
 */
@SpringBootApplication
public class WorkerApplication {

	public static void main(String[] args) {
		new SpringApplicationBuilder(WorkerApplication.class).profiles("worker").run(args);
	}

}
