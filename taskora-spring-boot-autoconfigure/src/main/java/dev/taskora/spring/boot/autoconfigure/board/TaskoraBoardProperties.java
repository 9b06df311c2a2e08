package dev.taskora.spring.boot.autoconfigure.board;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The board: taskora's admin web UI and its REST API, served by the app under
 * {@code taskora.board.base-path}.
 */
@ConfigurationProperties("taskora.board")
public class TaskoraBoardProperties {

	/**
	 * Whether the board is served. Off unless set, as an admin UI should be; once on, it
	 * needs a login (Spring Security, the built-in session login) or auth=none.
	 */
	private boolean enabled;

	/**
	 * Path the board is served under (its API under the base path followed by "/api").
	 */
	private String basePath = "/taskora";

	/**
	 * Title of the browser tab and the header.
	 */
	private String title = "Taskora";

	/**
	 * How users sign in. "session": with Spring Security on the classpath the app's login
	 * and "role"; without it the board's own login with "username", "password" and
	 * "secret". "none": no sign-in at all, for local use only.
	 */
	private Auth auth = Auth.SESSION;

	/**
	 * Username of the board's own login (Spring Security absent), unless a
	 * BoardAuthenticator bean checks credentials.
	 */
	private @Nullable String username;

	/**
	 * Password of the board's own login (Spring Security absent).
	 */
	private @Nullable String password;

	/**
	 * Secret that signs the board's session cookie, at least 32 characters (Spring
	 * Security absent). Generate one with "openssl rand -base64 48".
	 */
	private @Nullable String secret;

	/**
	 * Role a user needs for the board when Spring Security is on the classpath (without
	 * the "ROLE_" prefix).
	 */
	private String role = "ADMIN";

	/**
	 * Login page the board sends users who are not signed in to when Spring Security is
	 * on the classpath.
	 */
	private String loginPage = "/login";

	/**
	 * Whether every mutation (retry, cancel, clean, schedule changes) is refused with 403
	 * and its button hidden.
	 */
	private boolean readOnly;

	/**
	 * Keys masked (case-insensitively, at any depth) in job data, results, errors and log
	 * meta before they leave the server.
	 */
	private List<String> redact = new ArrayList<>();

	/**
	 * Color theme of the UI: "light", "dark", or "auto" (the browser's preference).
	 */
	private String theme = "auto";

	/**
	 * How often the live stream sends a stats frame, and the UI polls while it has no
	 * stream.
	 */
	private Duration refreshInterval = Duration.ofSeconds(2);

	private final Cookie cookie = new Cookie();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getBasePath() {
		return this.basePath;
	}

	public void setBasePath(String basePath) {
		this.basePath = basePath;
	}

	public String getTitle() {
		return this.title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public Auth getAuth() {
		return this.auth;
	}

	public void setAuth(Auth auth) {
		this.auth = auth;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getSecret() {
		return this.secret;
	}

	public void setSecret(@Nullable String secret) {
		this.secret = secret;
	}

	public String getRole() {
		return this.role;
	}

	public void setRole(String role) {
		this.role = role;
	}

	public String getLoginPage() {
		return this.loginPage;
	}

	public void setLoginPage(String loginPage) {
		this.loginPage = loginPage;
	}

	public boolean isReadOnly() {
		return this.readOnly;
	}

	public void setReadOnly(boolean readOnly) {
		this.readOnly = readOnly;
	}

	public List<String> getRedact() {
		return this.redact;
	}

	public void setRedact(List<String> redact) {
		this.redact = redact;
	}

	public String getTheme() {
		return this.theme;
	}

	public void setTheme(String theme) {
		this.theme = theme;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public Cookie getCookie() {
		return this.cookie;
	}

	/** How users sign in to the board. */
	public enum Auth {

		/**
		 * The app's Spring Security login, or the board's own when Spring Security is
		 * absent.
		 */
		SESSION,

		/** No sign-in: anyone who reaches the app reaches the board. */
		NONE

	}

	/** The session cookie of the board's own login. */
	public static class Cookie {

		/**
		 * Name of the session cookie.
		 */
		private String name = "taskora_board_session";

		/**
		 * How long a session lasts before the user signs in again.
		 */
		private Duration sessionTtl = Duration.ofHours(8);

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public Duration getSessionTtl() {
			return this.sessionTtl;
		}

		public void setSessionTtl(Duration sessionTtl) {
			this.sessionTtl = sessionTtl;
		}

	}

}
