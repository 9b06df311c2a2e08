package dev.taskora.spring.board;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

/**
 * Checks the credentials of the board's built-in login (used when Spring Security is
 * absent). The default compares with {@code taskora.board.username} and
 * {@code taskora.board.password}; a bean of this type checks them against your own store
 * instead (hashing, lockout and rate limits are its business).
 */
@FunctionalInterface
public interface BoardAuthenticator {

	/**
	 * The name of the user the credentials belong to, or {@code null} to refuse them.
	 * @param username as typed
	 * @param password as typed
	 */
	@Nullable String authenticate(String username, String password);

	/** Accepts exactly one username and password, compared in constant time. */
	static BoardAuthenticator of(String username, String password) {
		byte[] expectedUser = username.getBytes(StandardCharsets.UTF_8);
		byte[] expectedPassword = password.getBytes(StandardCharsets.UTF_8);
		return (user, pass) -> {
			boolean userMatches = MessageDigest.isEqual(expectedUser, user.getBytes(StandardCharsets.UTF_8));
			boolean passwordMatches = MessageDigest.isEqual(expectedPassword, pass.getBytes(StandardCharsets.UTF_8));
			return (userMatches && passwordMatches) ? username : null;
		};
	}

}
