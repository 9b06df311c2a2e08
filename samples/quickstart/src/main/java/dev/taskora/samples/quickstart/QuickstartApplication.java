package dev.taskora.samples.quickstart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The quickstart: a web app that dispatches jobs through {@code TaskoraOperations} and
 * handles them with {@code @TaskConsumer} beans. Runs on the memory adapter; the
 * {@code redis} profile ({@code --spring.profiles.active=redis}, or
 * {@code -Dspring-boot.run.profiles=redis} through Maven) or {@code taskora.redis.url}
 * moves it to Redis.
 */
@SpringBootApplication
public class QuickstartApplication {

	public static void main(String[] args) {
		SpringApplication.run(QuickstartApplication.class, args);
	}

}
