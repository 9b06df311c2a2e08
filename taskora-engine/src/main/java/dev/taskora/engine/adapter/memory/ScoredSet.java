package dev.taskora.engine.adapter.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * A Redis sorted set in miniature: members ordered by score, ties by member (as
 * {@code ZSET} does), so claim and trim orders match the Redis adapter exactly. Not
 * thread-safe; guarded by the store lock.
 */
final class ScoredSet {

	private static final Comparator<Entry> ORDER = Comparator.comparingDouble(Entry::score)
		.thenComparing(Entry::member);

	private final TreeSet<Entry> entries = new TreeSet<>(ORDER);

	private final Map<String, Double> scores = new HashMap<>();

	/** ZADD: inserts the member or moves it to its new score. */
	void add(String member, double score) {
		Double previous = this.scores.put(member, score);
		if (previous != null) {
			this.entries.remove(new Entry(previous, member));
		}
		this.entries.add(new Entry(score, member));
	}

	/** ZREM: whether the member was present. */
	boolean remove(String member) {
		Double previous = this.scores.remove(member);
		if (previous == null) {
			return false;
		}
		this.entries.remove(new Entry(previous, member));
		return true;
	}

	boolean contains(String member) {
		return this.scores.containsKey(member);
	}

	/** ZPOPMIN: the lowest-scored member, removed, or {@code null} when empty. */
	@Nullable String popMin() {
		Entry first = this.entries.pollFirst();
		if (first == null) {
			return null;
		}
		this.scores.remove(first.member());
		return first.member();
	}

	/** The lowest score, or {@code null} when empty. */
	@Nullable Double minScore() {
		return this.entries.isEmpty() ? null : this.entries.first().score();
	}

	/**
	 * ZRANGEBYSCORE -inf max LIMIT 0 limit: members scored at most {@code max}, lowest
	 * first.
	 */
	List<String> rangeByScore(double max, int limit) {
		List<String> members = new ArrayList<>();
		for (Iterator<Entry> it = this.entries.iterator(); it.hasNext() && members.size() < limit;) {
			Entry entry = it.next();
			if (entry.score() > max) {
				break;
			}
			members.add(entry.member());
		}
		return members;
	}

	/**
	 * ZRANGE from from+count-1: {@code count} members in score order, after the first
	 * {@code from}.
	 */
	List<String> range(int from, int count) {
		List<String> members = new ArrayList<>();
		int skipped = 0;
		for (Iterator<Entry> it = this.entries.iterator(); it.hasNext() && members.size() < count;) {
			String member = it.next().member();
			if (skipped < from) {
				skipped++;
			}
			else {
				members.add(member);
			}
		}
		return members;
	}

	/**
	 * ZRANGE from from+count-1 WITHSCORES: members lowest score first, skipping
	 * {@code from}.
	 */
	List<Entry> ascending(int from, int count) {
		return slice(this.entries.iterator(), from, count);
	}

	/**
	 * ZREVRANGE from from+count-1 WITHSCORES: members highest score first, skipping
	 * {@code from}.
	 */
	List<Entry> descending(int from, int count) {
		return slice(this.entries.descendingIterator(), from, count);
	}

	/** Every member with its score, lowest first. */
	Iterable<Entry> entries() {
		return this.entries;
	}

	private static List<Entry> slice(Iterator<Entry> it, int from, int count) {
		List<Entry> slice = new ArrayList<>();
		for (int skipped = 0; skipped < from && it.hasNext(); skipped++) {
			it.next();
		}
		while (it.hasNext() && slice.size() < count) {
			slice.add(it.next());
		}
		return slice;
	}

	/** ZRANGE 0 count-1: the {@code count} lowest-scored members. */
	List<String> lowest(int count) {
		List<String> members = new ArrayList<>();
		for (Iterator<Entry> it = this.entries.iterator(); it.hasNext() && members.size() < count;) {
			members.add(it.next().member());
		}
		return members;
	}

	int size() {
		return this.scores.size();
	}

	boolean isEmpty() {
		return this.scores.isEmpty();
	}

	void clear() {
		this.entries.clear();
		this.scores.clear();
	}

	/** A member and its score. */
	record Entry(double score, String member) {
	}

}
