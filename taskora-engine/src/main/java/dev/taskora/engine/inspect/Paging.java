package dev.taskora.engine.inspect;

/**
 * Which page of a listing to read: skip {@code offset} jobs, return at most
 * {@code limit}.
 *
 * <pre>{@code
 * Paging page = Paging.first(50);
 * List<JobSnapshot<Object, Object>> first = taskora.inspect().jobs("send-email", JobState.FAILED, page);
 * List<JobSnapshot<Object, Object>> second = taskora.inspect().jobs("send-email", JobState.FAILED, page.next());
 * }</pre>
 *
 * @param offset jobs to skip, at least 0
 * @param limit jobs to return at most, from 0 to {@value #MAX_LIMIT}
 */
public record Paging(int offset, int limit) {

	/** The largest page: one page is one store call, and it should stay a short one. */
	public static final int MAX_LIMIT = 1000;

	/** taskora's default page: the first 20 jobs. */
	public static final Paging DEFAULT = new Paging(0, 20);

	/**
	 * @throws IllegalArgumentException naming {@code offset} or {@code limit} when out of
	 * range
	 */
	public Paging {
		if (offset < 0) {
			throw new IllegalArgumentException("offset must not be negative, was " + offset);
		}
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
		if (limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be at most " + MAX_LIMIT + ", was " + limit);
		}
	}

	/** The first {@code limit} jobs. */
	public static Paging first(int limit) {
		return new Paging(0, limit);
	}

	/** {@code limit} jobs after the first {@code offset}. */
	public static Paging of(int offset, int limit) {
		return new Paging(offset, limit);
	}

	/** The page after this one, of the same size. */
	public Paging next() {
		return new Paging(this.offset + this.limit, this.limit);
	}

}
