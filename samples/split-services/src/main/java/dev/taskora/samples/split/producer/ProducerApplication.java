package dev.taskora.samples.split.producer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The web app: dispatches through the contract and never runs a handler (no image code on
 * its classpath in a real split). Run with {@code --spring.profiles.active=producer}.
 */
@SpringBootApplication
public class ProducerApplication {

	public static void main(String[] args) {
		new SpringApplicationBuilder(ProducerApplication.class).profiles("producer").run(args);
	}

}
