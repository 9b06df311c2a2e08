package dev.taskora.spring.board;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.UriUtils;

/**
 * The board's built-in login, used when Spring Security is absent (taskora's session
 * auth): a login page, a signed session cookie, and a filter in front of every other
 * board path. The cookie holds the user's name and an expiry, signed with HMAC-SHA256
 * under {@code taskora.board.secret}, so it needs no server state; it is
 * {@code HttpOnly}, {@code SameSite=Lax} (which keeps cross-site posts out) and
 * {@code Secure} when the request came over HTTPS. A missing, tampered or expired cookie
 * sends a page to the login page (with a {@code redirect} back) and the API answers 401.
 */
public final class SessionLogin {

	/** The shortest secret accepted. */
	public static final int MIN_SECRET_LENGTH = 32;

	private static final String ALGORITHM = "HmacSHA256";

	private final BoardSettings settings;

	private final BoardAuthenticator authenticator;

	private final byte[] secret;

	private final String cookieName;

	private final Duration ttl;

	private final Clock clock;

	/**
	 * @param settings the board's settings
	 * @param authenticator checks credentials
	 * @param secret the signing secret, at least 32 characters
	 * @param cookieName the cookie's name
	 * @param ttl how long a session lasts
	 * @param clock the clock expiries are read on
	 */
	public SessionLogin(BoardSettings settings, BoardAuthenticator authenticator, String secret, String cookieName,
			Duration ttl, Clock clock) {
		if (secret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalArgumentException(
					"secret must be at least " + MIN_SECRET_LENGTH + " characters long, was " + secret.length());
		}
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("session ttl must be positive, was " + ttl);
		}
		this.settings = settings;
		this.authenticator = authenticator;
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
		this.cookieName = cookieName;
		this.ttl = ttl;
		this.clock = clock;
	}

	/**
	 * Paths under the board that need no session: the login page, signing in and out, the
	 * page's style.
	 */
	boolean isOpen(String path) {
		String base = this.settings.basePath();
		return path.equals(base + "/login") || path.equals(base + "/auth/login") || path.equals(base + "/auth/logout")
				|| path.equals(base + "/assets/board.css");
	}

	/**
	 * Lets a request with a valid session through; the API gets 401, pages the login
	 * page.
	 */
	HandlerFilterFunction<ServerResponse, ServerResponse> filter() {
		return (request, next) -> {
			String path = request.requestPath().pathWithinApplication().value();
			if (isOpen(path) || user(request).isPresent()) {
				return next.handle(request);
			}
			if (path.startsWith(this.settings.apiPath() + "/") || path.equals(this.settings.apiPath())) {
				return ServerResponse.status(HttpStatus.UNAUTHORIZED)
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("error", "Unauthorized"));
			}
			String query = request.servletRequest().getQueryString();
			String target = path + ((query != null) ? "?" + query : "");
			return ServerResponse.status(HttpStatus.FOUND).location(loginUri(target, false)).build();
		};
	}

	/**
	 * The user of the request's session, when its cookie is there, signed by us and not
	 * expired.
	 */
	public Optional<String> user(ServerRequest request) {
		Cookie[] cookies = request.servletRequest().getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		for (Cookie cookie : cookies) {
			if (cookie.getName().equals(this.cookieName)) {
				Optional<String> user = verify(cookie.getValue());
				if (user.isPresent()) {
					return user;
				}
			}
		}
		return Optional.empty();
	}

	HandlerFunction<ServerResponse> loginPage() {
		return request -> ServerResponse.ok()
			.contentType(MediaType.TEXT_HTML)
			.header("Cache-Control", "no-store")
			.body(LoginPage.html(this.settings, request.param("redirect").orElse(""),
					request.param("error").isPresent()));
	}

	HandlerFunction<ServerResponse> login() {
		return request -> {
			Map<String, String> form = request.params().toSingleValueMap();
			String username = form.getOrDefault("username", "");
			String password = form.getOrDefault("password", "");
			String redirect = safeRedirect(form.get("redirect"));
			String user = this.authenticator.authenticate(username, password);
			if (user == null) {
				return ServerResponse.status(HttpStatus.SEE_OTHER).location(loginUri(redirect, true)).build();
			}
			ResponseCookie cookie = cookie(sign(user), request, this.ttl);
			return ServerResponse.status(HttpStatus.SEE_OTHER)
				.location(URI.create(redirect))
				.header(HttpHeaders.SET_COOKIE, cookie.toString())
				.build();
		};
	}

	HandlerFunction<ServerResponse> logout() {
		return request -> ServerResponse.status(HttpStatus.SEE_OTHER)
			.location(URI.create(this.settings.basePath() + "/login"))
			.header(HttpHeaders.SET_COOKIE, cookie("", request, Duration.ZERO).toString())
			.build();
	}

	private ResponseCookie cookie(String value, ServerRequest request, Duration maxAge) {
		return ResponseCookie.from(this.cookieName, value)
			.httpOnly(true)
			.sameSite("Lax")
			.secure(request.servletRequest().isSecure())
			.path(this.settings.basePath())
			.maxAge(maxAge)
			.build();
	}

	private URI loginUri(String redirect, boolean failed) {
		String uri = this.settings.basePath() + "/login?redirect="
				+ UriUtils.encodeQueryParam(redirect, StandardCharsets.UTF_8);
		return URI.create(failed ? uri + "&error" : uri);
	}

	/** Only a path of the board itself: never another site, never another app path. */
	private String safeRedirect(@Nullable String redirect) {
		String base = this.settings.basePath();
		if (redirect != null
				&& (redirect.equals(base) || redirect.startsWith(base + "/") || redirect.startsWith(base + "?"))
				&& !redirect.contains("//") && !redirect.contains("\\")) {
			return redirect;
		}
		return base + "/";
	}

	/** A session value: the user and its expiry (epoch seconds), then their signature. */
	String sign(String user) {
		long expires = this.clock.instant().plus(this.ttl).getEpochSecond();
		String payload = encode((expires + ":" + user).getBytes(StandardCharsets.UTF_8));
		return payload + "." + encode(mac(payload));
	}

	Optional<String> verify(String value) {
		int dot = value.indexOf('.');
		if (dot <= 0) {
			return Optional.empty();
		}
		String payload = value.substring(0, dot);
		byte[] signature;
		String content;
		try {
			signature = Base64.getUrlDecoder().decode(value.substring(dot + 1));
			content = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (!MessageDigest.isEqual(signature, mac(payload))) {
			return Optional.empty();
		}
		int colon = content.indexOf(':');
		if (colon <= 0) {
			return Optional.empty();
		}
		long expires;
		try {
			expires = Long.parseLong(content.substring(0, colon));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		if (this.clock.instant().getEpochSecond() >= expires) {
			return Optional.empty();
		}
		return Optional.of(content.substring(colon + 1));
	}

	private byte[] mac(String payload) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(this.secret, ALGORITHM));
			return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
