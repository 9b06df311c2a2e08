package dev.taskora.spring.core.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags the observation of a dispatch; implement it to change them. */
public interface TaskoraDispatchObservationConvention extends ObservationConvention<TaskoraDispatchContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TaskoraDispatchContext;
	}

}
