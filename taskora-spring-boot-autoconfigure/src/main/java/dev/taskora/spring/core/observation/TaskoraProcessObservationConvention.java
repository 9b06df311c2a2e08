package dev.taskora.spring.core.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags the observation of a handler run; implement it to change them. */
public interface TaskoraProcessObservationConvention extends ObservationConvention<TaskoraProcessContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TaskoraProcessContext;
	}

}
