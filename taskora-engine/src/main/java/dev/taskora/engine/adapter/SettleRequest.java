package dev.taskora.engine.adapter;

import org.jspecify.annotations.Nullable;

/**
 * One entry of {@link JobStore#settleMany}: an attempt's outcome and, optionally, the
 * claim of the next job in the same call, exactly as {@link JobStore#ack} and
 * {@link JobStore#fail} take them.
 *
 * @param outcome the completion or failure to record
 * @param next the claim to make for this entry once everything is settled, or
 * {@code null}
 */
public record SettleRequest(JobOutcome outcome, @Nullable ClaimRequest next) {
}
