package dev.taskora.spring.board.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.taskora.spring.board.BoardCsrf;
import dev.taskora.spring.board.BoardSettings;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * The board's paths under Spring Security: a filter chain matching only them, which asks
 * for an authenticated user with the board's role, keeps CSRF protection on every
 * mutation, and sends whoever is not signed in to the app's own login page (the API
 * answers 401 JSON instead). The app's other chains are left as they are; the session the
 * app's login creates is the one the board reads.
 */
public final class BoardSecurity {

	private BoardSecurity() {
	}

	/**
	 * The board's filter chain.
	 * @param http the app's {@link HttpSecurity}
	 * @param settings the board's settings
	 * @param role the role users need (without {@code ROLE_}), or {@code null} to let
	 * anyone in ({@code taskora.board.auth=none})
	 * @param loginPage the app's login page, where pages send users who are not signed in
	 * @return the chain
	 * @throws Exception as {@link HttpSecurity#build()}
	 */
	public static SecurityFilterChain filterChain(HttpSecurity http, BoardSettings settings, @Nullable String role,
			String loginPage) throws Exception {
		String base = settings.basePath();
		String api = settings.apiPath();
		AuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint(loginPage);
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			if (isApi(request.getRequestURI(), request.getContextPath(), api)) {
				json(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", "Sign in to use the board's API");
			}
			else {
				login.commence(request, response, ex);
			}
		};
		AccessDeniedHandler denied = (request, response, ex) -> json(response, HttpServletResponse.SC_FORBIDDEN,
				"Forbidden", (ex.getMessage() != null) ? ex.getMessage() : "Access denied");
		http.securityMatcher(base, base + "/**").authorizeHttpRequests(requests -> {
			if (role != null) {
				requests.anyRequest().hasRole(role);
			}
			else {
				requests.anyRequest().permitAll();
			}
		})
			.csrf(Customizer.withDefaults())
			.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
			.exceptionHandling(
					exceptions -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
		return http.build();
	}

	/** The request's CSRF token, for the UI to send back in a header. */
	public static BoardCsrf csrf() {
		return request -> {
			Object token = request.getAttribute(CsrfToken.class.getName());
			if (token instanceof CsrfToken csrf) {
				return Map.of("headerName", csrf.getHeaderName(), "token", csrf.getToken());
			}
			return Map.of();
		};
	}

	private static boolean isApi(String uri, String contextPath, String api) {
		String path = uri.substring(Math.min(contextPath.length(), uri.length()));
		return path.equals(api) || path.startsWith(api + "/");
	}

	private static void json(HttpServletResponse response, int status, String error, String message)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"error\":\"" + error + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
					+ "\"}");
	}

}
