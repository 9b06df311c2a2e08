package dev.taskora.spring.board;

import java.time.Duration;
import java.util.Objects;

/**
 * How the board is served.
 *
 * @param basePath the path it is served under, as {@code /taskora} (no trailing slash)
 * @param title the title of the browser tab and the header
 * @param readOnly whether mutations are rejected with 403 and their buttons hidden
 * @param theme {@code light}, {@code dark} or {@code auto} (the browser's preference)
 * @param refreshInterval how often the live stream sends a stats frame, and the UI polls
 * while it has no stream
 * @param auth how users sign in: {@code session} (the built-in login), {@code security}
 * (the app's Spring Security) or {@code none}
 */
public record BoardSettings(String basePath, String title, boolean readOnly, String theme, Duration refreshInterval,
		String auth) {

	public BoardSettings {
		Objects.requireNonNull(basePath, "basePath must not be null");
		if (!basePath.startsWith("/") || basePath.endsWith("/") || basePath.contains("*")) {
			throw new IllegalArgumentException(
					"basePath must start with '/' and end without one, as '/taskora', was '" + basePath + "'");
		}
		if (refreshInterval.isNegative() || refreshInterval.isZero()) {
			throw new IllegalArgumentException("refreshInterval must be positive, was " + refreshInterval);
		}
	}

	/** The path of the REST API, as {@code /taskora/api}. */
	public String apiPath() {
		return this.basePath + "/api";
	}

}
