package dev.taskora.engine.inspect;

/**
 * Dead letters that failed with the same error message, and how many they are.
 *
 * @param message the error message of the last failed attempt ({@code ""} for jobs
 * without one)
 * @param count how many failed jobs carry it
 */
public record ErrorGroup(String message, long count) {
}
