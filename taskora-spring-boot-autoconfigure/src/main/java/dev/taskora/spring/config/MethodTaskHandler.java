package dev.taskora.spring.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The handler of a method annotated with {@code @TaskConsumer}: its parameters are
 * resolved per job, a {@link JobContext} parameter from the job's context and the one
 * other parameter (if any) from the payload; the return value is the job's result. The
 * task's input type is the payload parameter's type ({@code Void} without one), its
 * output the return type ({@code Void} for {@code void}).
 */
final class MethodTaskHandler implements TaskHandler<Object, Object> {

	private final Object bean;

	private final Method method;

	private final int payloadIndex;

	private final int contextIndex;

	private final HandlerTypes types;

	private MethodTaskHandler(Object bean, Method method, int payloadIndex, int contextIndex, HandlerTypes types) {
		this.bean = bean;
		this.method = method;
		this.payloadIndex = payloadIndex;
		this.contextIndex = contextIndex;
		this.types = types;
	}

	/**
	 * The handler of {@code method} on {@code bean}, invoked through the bean (so through
	 * its proxy, with the proxy's advice).
	 * @throws InvalidTaskConsumerException when a parameter cannot be resolved per job
	 */
	static MethodTaskHandler of(Object bean, String beanName, Class<?> targetClass, Method method) {
		int payload = -1;
		int context = -1;
		for (int i = 0; i < method.getParameterCount(); i++) {
			Class<?> type = method.getParameterTypes()[i];
			if (JobContext.class.isAssignableFrom(type)) {
				if (context >= 0) {
					throw invalid(beanName, targetClass, method, "it takes two JobContext parameters",
							"Keep one JobContext parameter.");
				}
				context = i;
			}
			else if (payload >= 0) {
				throw invalid(beanName, targetClass, method, "it takes more than one payload parameter ("
						+ method.getParameterTypes()[payload].getSimpleName() + " and " + type.getSimpleName() + ")",
						"Take the payload as one parameter (a record holding both values), plus an optional JobContext.");
			}
			else {
				payload = i;
			}
		}
		Type input;
		Type output;
		try {
			input = (payload < 0) ? Void.class : boxed(
					HandlerTypes.concrete(ResolvableType.forMethodParameter(method, payload, targetClass), "payload"));
			ResolvableType returned = ResolvableType.forMethodReturnType(method, targetClass);
			output = (method.getReturnType() == void.class) ? Void.class
					: boxed(HandlerTypes.concrete(returned, "return"));
		}
		catch (IllegalArgumentException ex) {
			throw invalid(beanName, targetClass, method, ex.getMessage(),
					"Declare the payload parameter and the return type with concrete types.");
		}
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		return new MethodTaskHandler(bean, invocable, payload, context, new HandlerTypes(input, output));
	}

	HandlerTypes types() {
		return this.types;
	}

	Method method() {
		return this.method;
	}

	@Override
	public @Nullable Object handle(@Nullable Object data, JobContext ctx) throws Exception {
		@Nullable Object[] args = new Object[this.method.getParameterCount()];
		if (this.payloadIndex >= 0) {
			args[this.payloadIndex] = data;
		}
		if (this.contextIndex >= 0) {
			args[this.contextIndex] = ctx;
		}
		try {
			return this.method.invoke(this.bean, args);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getTargetException();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw (Error) cause;
		}
	}

	/**
	 * How a method reads in messages:
	 * {@code GreetingConsumers.greet(Person, JobContext)}.
	 */
	static String describe(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName()
				+ Arrays.stream(method.getParameterTypes())
					.map(Class::getSimpleName)
					.collect(Collectors.joining(", ", "(", ")"));
	}

	private static Type boxed(Type type) {
		return (type instanceof Class<?> raw && raw.isPrimitive()) ? ClassUtils.resolvePrimitiveIfNecessary(raw) : type;
	}

	private static InvalidTaskConsumerException invalid(String beanName, Class<?> targetClass, Method method,
			@Nullable String reason, String action) {
		return new InvalidTaskConsumerException(beanName, targetClass,
				"@TaskConsumer method " + describe(method) + " cannot handle jobs: " + reason, action);
	}

	@Override
	public String toString() {
		return "@TaskConsumer " + describe(this.method);
	}

}
