package dev.taskora.spring.annotation;

/**
 * Implemented by a collecting {@link TaskConsumer} bean whose items go to a buffer of
 * their own key, derived from each item, instead of the one {@code collectKey}:
 *
 * <pre>{@code
 * &#64;TaskConsumer(name = "region-events", collectDelay = "5s", collectMaxSize = "50")
 * class RegionEventsConsumer implements TaskHandler<List<Event>, Integer>, CollectKeyResolver<Event> {
 *

 *     &#64;Override
 *     public String collectKey(Event event) {
 *         return "region:" + event.region();
 *     }
 *
 *
&#64;Override
 *     public Integer handle(List<Event> events, JobContext ctx) {
 *         return this.store.saveAll(events);
 *     }
 *
 * }
 * }</pre>
 *
 * A {@code null} or blank key fails the dispatch of that item with a
 * {@link dev.taskora.engine.ValidationException} naming the task.
 *
 * @param <I> the item type: the element type of the handler's list
 */
@FunctionalInterface
public interface CollectKeyResolver<I> {

	/** The buffer key of one dispatched item. */
	String collectKey(I item);

}
