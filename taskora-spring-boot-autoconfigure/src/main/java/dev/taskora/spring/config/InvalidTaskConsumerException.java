package dev.taskora.spring.config;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanInitializationException;

/**
 * A {@link dev.taskora.spring.annotation.TaskConsumer} bean that cannot become a task
 * handler: its class does not implement {@code TaskHandler}, its types cannot be
 * resolved, an attribute holds a value the task does not accept, or a placeholder in an
 * attribute cannot be resolved.
 */
public class InvalidTaskConsumerException extends BeanInitializationException {

	private final String beanName;

	private final Class<?> beanType;

	private final String reason;

	private final String action;

	/**
	 * @param beanName the consumer bean
	 * @param beanType its class
	 * @param reason what is wrong
	 * @param action how to fix it
	 */
	public InvalidTaskConsumerException(String beanName, Class<?> beanType, String reason, String action) {
		this(beanName, beanType, reason, action, null);
	}

	/**
	 * @param beanName the consumer bean
	 * @param beanType its class
	 * @param reason what is wrong
	 * @param action how to fix it
	 * @param cause the failure behind it, or {@code null}
	 */
	public InvalidTaskConsumerException(String beanName, Class<?> beanType, String reason, String action,
			@Nullable Throwable cause) {
		super("@TaskConsumer bean '" + beanName + "' (" + beanType.getName() + "): " + reason);
		if (cause != null) {
			initCause(cause);
		}
		this.beanName = beanName;
		this.beanType = beanType;
		this.reason = reason;
		this.action = action;
	}

	/**
	 * The name of the consumer bean at fault.
	 * @return the bean name
	 */
	public String getBeanName() {
		return this.beanName;
	}

	/**
	 * The class of the consumer bean at fault.
	 * @return the bean's class
	 */
	public Class<?> getBeanType() {
		return this.beanType;
	}

	/** What is wrong with the consumer. */
	public String getReason() {
		return this.reason;
	}

	/** How to fix it. */
	public String getAction() {
		return this.action;
	}

}
