package dev.taskora.spring.core.observation;

import dev.taskora.spring.core.observation.TaskoraObservation.LowCardinalityKeys;
import dev.taskora.spring.core.observation.TaskoraObservation.ProcessHighCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * {@code taskora.process}, contextual name {@code "<task> process"}, tagged {@code task}
 * (low cardinality, the tag taskora's meters use too), {@code taskora.job.id} and
 * {@code taskora.job.attempt} (high cardinality, on spans only); see
 * {@link TaskoraObservation#PROCESS}.
 */
public class DefaultTaskoraProcessObservationConvention implements TaskoraProcessObservationConvention {

	/** The shared instance. */
	public static final DefaultTaskoraProcessObservationConvention INSTANCE = new DefaultTaskoraProcessObservationConvention();

	@Override
	public String getName() {
		return "taskora.process";
	}

	@Override
	public String getContextualName(TaskoraProcessContext context) {
		return context.getTask() + " process";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskoraProcessContext context) {
		return KeyValues.of(LowCardinalityKeys.TASK.withValue(context.getTask()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskoraProcessContext context) {
		return KeyValues.of(ProcessHighCardinalityKeys.JOB_ID.withValue(context.getJobId()),
				ProcessHighCardinalityKeys.ATTEMPT.withValue(Integer.toString(context.getAttempt())));
	}

}
