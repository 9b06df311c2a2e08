package dev.taskora.spring.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.taskora.engine.CancelHook;
import dev.taskora.engine.CollectTaskBuilder;
import dev.taskora.engine.TaskBuilder;
import dev.taskora.engine.TaskDefaults;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.contract.TaskContract;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.StallOptions;
import dev.taskora.engine.serialize.TypeRef;
import dev.taskora.spring.annotation.CollectKeyResolver;
import dev.taskora.spring.annotation.PayloadMigrations;
import dev.taskora.spring.core.TaskConsumerContainer;
import dev.taskora.spring.core.TaskConsumerRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;

/**
 * Registers consumers with their apps: defines each consumer's task (or implements its
 * contract) with the annotation's options and every {@link TaskConsumerConfigurer},
 * refuses two consumers of one task in one app, and gives each a container in the
 * {@link TaskConsumerRegistry}.
 */
final class ConsumerRegistrar {

	private static final Logger logger = LoggerFactory.getLogger(TaskoraAnnotationBeanPostProcessor.class);

	private final BeanFactory beanFactory;

	private final Function<ConsumerBean, Taskora> appOf;

	private final Map<String, String> consumerBeans;

	/**
	 * @param beanFactory where configurers, contract beans and the registry come from
	 * @param appOf the app a consumer joins
	 * @param consumerBeans collects the bean name of each task's consumer
	 */
	ConsumerRegistrar(BeanFactory beanFactory, Function<ConsumerBean, Taskora> appOf,
			Map<String, String> consumerBeans) {
		this.beanFactory = beanFactory;
		this.appOf = appOf;
		this.consumerBeans = consumerBeans;
	}

	/** Registers every consumer, after checking no two handle one task of one app. */
	void register(List<ConsumerBean> consumers) {
		Map<String, List<ConsumerBean>> byTask = new LinkedHashMap<>();
		for (ConsumerBean consumer : consumers) {
			// one handler per task and app: two apps may each handle a task of one name
			byTask
				.computeIfAbsent(consumer.task() + (consumer.app().isEmpty() ? "" : " (app '" + consumer.app() + "')"),
						name -> new ArrayList<>())
				.add(consumer);
		}
		for (Map.Entry<String, List<ConsumerBean>> entry : byTask.entrySet()) {
			if (entry.getValue().size() > 1) {
				throw new DuplicateTaskConsumerException(entry.getKey(),
						entry.getValue()
							.stream()
							.map(consumer -> "'" + consumer.beanName() + "' (" + consumer.beanType().getName() + ")")
							.toList());
			}
		}
		TaskConsumerRegistry registry = this.beanFactory.getBeanProvider(TaskConsumerRegistry.class).getIfAvailable();
		for (ConsumerBean consumer : consumers) {
			Taskora taskora = this.appOf.apply(consumer);
			// Partial retry and stall attributes refine the defaults of the app they are
			// added to.
			TaskDefaults defaults = taskora.defaults();
			TaskContract<?, ?> contract = (consumer.contract() != null) ? consumer.contract() : contractBean(consumer);
			if (contract != null) {
				implement(taskora, consumer, contract, defaults);
			}
			else if (taskora.findTask(consumer.task()).isPresent()) {
				throw new DuplicateTaskConsumerException(consumer.task(),
						List.of("'" + consumer.beanName() + "' (" + consumer.beanType().getName() + ")",
								"a task '" + consumer.task() + "' already defined on the Taskora bean"));
			}
			else {
				define(taskora, consumer, defaults);
			}
			this.consumerBeans.put(consumer.task(), consumer.beanName());
			TaskConsumerContainer container = new TaskConsumerContainer(taskora,
					consumer.options()
						.id(consumer.app().isEmpty() ? consumer.task() : consumer.app() + ":" + consumer.task()),
					consumer.task(), consumer.beanName(), consumer.options().autoStartup());
			if (registry != null) {
				registry.register(container);
			}
			else if (!container.isAutoStartup()) {
				container.pause();
			}
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void define(Taskora taskora, ConsumerBean consumer, TaskDefaults defaults) {
		TaskBuilder builder = taskora.task(consumer.task(), TypeRef.ofType(consumer.types().input()),
				TypeRef.ofType(consumer.types().output()));
		consumer.options().applyTo(builder, defaults);
		try {
			applyVersioning(builder, consumer);
			configure(consumer, builder);
			if (consumer.options().collects()) {
				CollectKeyResolver<?> keys = (consumer.handler() instanceof CollectKeyResolver<?> resolver) ? resolver
						: null;
				CollectTaskBuilder collect = builder.collect(consumer.options().collect(keys));
				if (consumer.onCancel() != null) {
					collect.onCancel((CancelHook) consumer.onCancel());
				}
				collect.handler((TaskHandler) consumer.handler());
			}
			else {
				if (consumer.onCancel() != null) {
					builder.onCancel((CancelHook) consumer.onCancel());
				}
				builder.handler((TaskHandler) consumer.handler());
			}
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidTaskConsumerException(consumer.beanName(), consumer.beanType(),
					String.valueOf(ex.getMessage()),
					"Fix the @TaskConsumer attributes of " + consumer.beanType().getSimpleName()
							+ " or the TaskConsumerConfigurer of task '" + consumer.task() + "'.");
		}
		logger.debug("Registered @TaskConsumer '{}' for task '{}' ({} -> {})", consumer.beanName(), consumer.task(),
				consumer.types().input().getTypeName(), consumer.types().output().getTypeName());
	}

	/** Applies every {@link TaskConsumerConfigurer}, checking the types of typed ones. */
	private void configure(ConsumerBean consumer, TaskBuilder<?, ?> builder) {
		this.beanFactory.getBeanProvider(TaskConsumerConfigurer.class).orderedStream().forEach(configurer -> {
			if (configurer instanceof TaskConsumerConfigurer.ForTask<?, ?> typed && typed.task().equals(consumer.task())
					&& !(typed.input().equals(consumer.types().input())
							&& typed.output().equals(consumer.types().output()))) {
				throw new InvalidTaskConsumerException(consumer.beanName(), consumer.beanType(),
						"a TaskConsumerConfigurer of task '" + consumer.task() + "' is typed " + typed.input().getName()
								+ " -> " + typed.output().getName() + ", but the consumer handles "
								+ consumer.types().input().getTypeName() + " -> "
								+ consumer.types().output().getTypeName(),
						"Type the configurer as the consumer: TaskConsumerConfigurer.forTask(\"" + consumer.task()
								+ "\", " + consumer.types().input().getTypeName() + ".class, ...).");
			}
			configurer.configure(consumer.task(), builder);
		});
	}

	/** The versions a consumer implementing {@link PayloadMigrations} declares. */
	private static void applyVersioning(TaskBuilder<?, ?> builder, ConsumerBean consumer) {
		if (consumer.handler() instanceof PayloadMigrations migrations) {
			builder.versioning(migrations.versioning());
		}
	}

	/** The one {@link TaskContract} bean of the consumer's task name, if any. */
	private @Nullable TaskContract<?, ?> contractBean(ConsumerBean consumer) {
		List<TaskContract<?, ?>> named = this.beanFactory.getBeanProvider(TaskContract.class)
			.stream()
			.<TaskContract<?, ?>>map(contract -> (TaskContract<?, ?>) contract)
			.filter(contract -> contract.name().equals(consumer.task()))
			.toList();
		if (named.size() > 1) {
			throw new InvalidTaskConsumerException(consumer.beanName(), consumer.beanType(),
					"there are " + named.size() + " TaskContract beans named '" + consumer.task() + "'",
					"Keep one TaskContract bean per task name.");
		}
		return named.isEmpty() ? null : named.get(0);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void implement(Taskora taskora, ConsumerBean consumer, TaskContract<?, ?> contract, TaskDefaults defaults) {
		ConsumerContracts.checkTypes(contract, consumer.types(), consumer.beanName(), consumer.beanType());
		if (consumer.options().collects()) {
			throw new InvalidTaskConsumerException(consumer.beanName(), consumer.beanType(),
					"@TaskConsumer implements contract '" + contract.name() + "' with collect* attributes",
					"Collect consumers define their task themselves: remove the contract, or the collect* attributes.");
		}
		Retry retryBase = (contract.retry() != null) ? contract.retry() : defaults.retry();
		StallOptions stallBase = (contract.stall() != null) ? contract.stall() : defaults.stall();
		try {
			taskora.implement((TaskContract) contract, (TaskHandler) consumer.handler(), builder -> {
				TaskBuilder<?, ?> worker = (TaskBuilder<?, ?>) builder;
				consumer.options().applyTo(worker, retryBase, stallBase);
				applyVersioning(worker, consumer);
				configure(consumer, worker);
				if (consumer.onCancel() != null) {
					((TaskBuilder) worker).onCancel((CancelHook) consumer.onCancel());
				}
			});
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidTaskConsumerException(consumer.beanName(), consumer.beanType(),
					String.valueOf(ex.getMessage()), "Fix the @TaskConsumer of " + consumer.beanType().getSimpleName()
							+ " or the contract '" + contract.name() + "'.");
		}
		logger.debug("Registered @TaskConsumer '{}' implementing contract '{}'", consumer.beanName(), contract.name());
	}

}
