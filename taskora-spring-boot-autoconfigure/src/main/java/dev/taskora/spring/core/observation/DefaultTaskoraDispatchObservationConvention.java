package dev.taskora.spring.core.observation;

import dev.taskora.spring.core.observation.TaskoraObservation.DispatchHighCardinalityKeys;
import dev.taskora.spring.core.observation.TaskoraObservation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * {@code taskora.dispatch}, contextual name {@code "<task> dispatch"}, tagged
 * {@code task} (low cardinality, the tag taskora's meters use too) and
 * {@code taskora.job.id}, {@code taskora.dispatch.jobs} (high cardinality, on spans
 * only); see {@link TaskoraObservation#DISPATCH}.
 */
public class DefaultTaskoraDispatchObservationConvention implements TaskoraDispatchObservationConvention {

	/** The shared instance. */
	public static final DefaultTaskoraDispatchObservationConvention INSTANCE = new DefaultTaskoraDispatchObservationConvention();

	@Override
	public String getName() {
		return "taskora.dispatch";
	}

	@Override
	public String getContextualName(TaskoraDispatchContext context) {
		return context.getTask() + " dispatch";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskoraDispatchContext context) {
		return KeyValues.of(LowCardinalityKeys.TASK.withValue(context.getTask()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskoraDispatchContext context) {
		String jobId = context.getJobId();
		KeyValues values = KeyValues
			.of(DispatchHighCardinalityKeys.JOBS.withValue(Integer.toString(context.getJobs())));
		return (jobId != null) ? values.and(DispatchHighCardinalityKeys.JOB_ID.withValue(jobId)) : values;
	}

}
