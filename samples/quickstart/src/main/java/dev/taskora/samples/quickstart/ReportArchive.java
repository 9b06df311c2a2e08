package dev.taskora.samples.quickstart;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;

/**
 * A stand-in for where generated reports are kept until the nightly cleanup deletes them.
 */
@Service
public class ReportArchive {

	private final Map<String, StoredReport> reports = new ConcurrentHashMap<>();

	/** Keeps a report, generated at {@code createdAt}. */
	public void add(String location, Instant createdAt) {
		this.reports.put(location, new StoredReport(location, createdAt));
	}

	/** Deletes the reports generated before {@code cutoff}; returns how many. */
	public int deleteCreatedBefore(Instant cutoff) {
		List<StoredReport> expired = this.reports.values()
			.stream()
			.filter(report -> report.createdAt().isBefore(cutoff))
			.toList();
		expired.forEach(report -> this.reports.remove(report.location()));
		return expired.size();
	}

	/** Every report kept. */
	public List<StoredReport> reports() {
		return List.copyOf(this.reports.values());
	}

	/**
	 * @param location where the PDF is
	 * @param createdAt when it was generated
	 */
	public record StoredReport(String location, Instant createdAt) {
	}

}
