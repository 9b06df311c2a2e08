package dev.taskora.spring.core.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations taskora makes: their names, conventions and keys, for tools that
 * document or check observations (and for readers wondering which tags to expect).
 */
public enum TaskoraObservation implements ObservationDocumentation {

	/**
	 * A dispatch through {@link dev.taskora.spring.core.TaskoraTemplate}, from the call
	 * until the store holds the job(s). A producer span: its trace context is stored with
	 * the job, so that {@link #PROCESS} continues the trace.
	 */
	DISPATCH {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultTaskoraDispatchObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return DispatchHighCardinalityKeys.values();
		}
	},

	/**
	 * One attempt of a job: the handler run with the middleware around it. A consumer
	 * span, the child of the dispatch's span when the job carries its trace context.
	 */
	PROCESS {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultTaskoraProcessObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return ProcessHighCardinalityKeys.values();
		}
	};

	/** Tags of both observations' meters and spans. */
	public enum LowCardinalityKeys implements KeyName {

		/** The task name, the tag taskora's meters use too. */
		TASK {
			@Override
			public String asString() {
				return "task";
			}
		}

	}

	/** Span-only tags of {@link #DISPATCH}. */
	public enum DispatchHighCardinalityKeys implements KeyName {

		/** The id of the job dispatched (absent for a bulk dispatch). */
		JOB_ID {
			@Override
			public String asString() {
				return "taskora.job.id";
			}
		},

		/** How many jobs the dispatch writes. */
		JOBS {
			@Override
			public String asString() {
				return "taskora.dispatch.jobs";
			}
		}

	}

	/** Span-only tags of {@link #PROCESS}. */
	public enum ProcessHighCardinalityKeys implements KeyName {

		/** The id of the job run. */
		JOB_ID {
			@Override
			public String asString() {
				return "taskora.job.id";
			}
		},

		/** The attempt run, 1-based. */
		ATTEMPT {
			@Override
			public String asString() {
				return "taskora.job.attempt";
			}
		}

	}

}
