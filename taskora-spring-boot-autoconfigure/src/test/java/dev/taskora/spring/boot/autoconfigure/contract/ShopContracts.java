package dev.taskora.spring.boot.autoconfigure.contract;

import java.time.Duration;

import dev.taskora.engine.contract.TaskContract;
import dev.taskora.engine.retry.Retry;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * The contract module a producer app and a worker app share: types and contracts, no
 * handler.
 */
public final class ShopContracts {

	public static final TaskContract<Order, Receipt> PLACE_ORDER = TaskContract
		.define("place-order", Order.class, Receipt.class)
		.retry(Retry.fixed(3, Duration.ofMillis(50)))
		.timeout(Duration.ofSeconds(30))
		.build();

	private ShopContracts() {
	}

	public record Order(@NotBlank String sku, @Positive int quantity) {
	}

	public record Receipt(String sku, int quantity, String by) {
	}

}
