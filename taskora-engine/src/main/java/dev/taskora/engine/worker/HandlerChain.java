package dev.taskora.engine.worker;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import dev.taskora.engine.Middleware;
import dev.taskora.engine.Task;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.ValidationException;
import org.jspecify.annotations.Nullable;

/** Runs app middleware, then task middleware, then the handler, onion-style. */
final class HandlerChain {

	private final Task<?, ?> task;

	private final List<Middleware> chain;

	HandlerChain(List<Middleware> appMiddleware, Task<?, ?> task) {
		this.task = task;
		this.chain = new ArrayList<>(appMiddleware);
		this.chain.addAll(task.options().middleware());
	}

	/**
	 * Runs the chain and returns the (possibly middleware-replaced) result, checked
	 * against the task's output type.
	 */
	@Nullable Object invoke(ExecutionContext ctx) throws Exception {
		proceed(0, ctx);
		Object result = ctx.result();
		checkOutput(result);
		return result;
	}

	// NullAway: the input is null when the job was dispatched with null (Task.dispatch
	// takes a @Nullable input); the handler's type argument, not this erased call, says
	// whether it accepts that.
	@SuppressWarnings({ "unchecked", "NullAway" })
	private void proceed(int index, ExecutionContext ctx) throws Exception {
		if (index < this.chain.size()) {
			this.chain.get(index).handle(ctx, () -> proceed(index + 1, ctx));
			return;
		}
		TaskHandler<Object, Object> handler = (TaskHandler<Object, Object>) this.task.handler();
		if (handler == null) {
			throw new IllegalStateException("Task '" + this.task.name() + "' has no handler in this process");
		}
		ctx.result(handler.handle(ctx.data(), ctx));
	}

	private void checkOutput(@Nullable Object result) {
		Type type = this.task.outputType().type();
		if (result == null || !(type instanceof Class<?> expected) || expected == Object.class) {
			return;
		}
		if (expected == Void.class || expected == void.class) {
			throw new ValidationException("Handler of task '" + this.task.name() + "' returned "
					+ result.getClass().getName() + ", but the task declares no output (Void)");
		}
		if (!this.task.outputType().accepts(result)) {
			throw new ValidationException("Handler of task '" + this.task.name() + "' returned "
					+ result.getClass().getName() + ", but the task's output type is " + expected.getName());
		}
	}

}
