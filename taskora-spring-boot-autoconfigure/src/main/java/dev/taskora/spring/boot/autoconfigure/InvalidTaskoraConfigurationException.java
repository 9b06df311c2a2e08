package dev.taskora.spring.boot.autoconfigure;

/**
 * Taskora's configuration, taken as a whole, cannot work (for example
 * {@code taskora.adapter=redis} with no Redis connection configured).
 */
public class InvalidTaskoraConfigurationException extends RuntimeException {

	private final String action;

	/**
	 * @param description what is wrong, naming the properties involved
	 * @param action how to fix it
	 */
	public InvalidTaskoraConfigurationException(String description, String action) {
		super(description);
		this.action = action;
	}

	/** How to fix it. */
	public String getAction() {
		return this.action;
	}

}
