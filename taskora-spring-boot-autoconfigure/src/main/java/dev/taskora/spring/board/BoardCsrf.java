package dev.taskora.spring.board;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The CSRF token the UI sends back on mutations, as {@code headerName} and {@code token},
 * read from the request by whatever protects it (Spring Security); empty when nothing
 * does.
 */
@FunctionalInterface
public interface BoardCsrf {

	/**
	 * No CSRF token: the built-in login's {@code SameSite=Lax} cookie guards mutations.
	 */
	BoardCsrf NONE = request -> Map.of();

	/** The header name and token for this request, or an empty map. */
	Map<String, String> token(HttpServletRequest request);

}
