/**
 * The board behind Spring Security: its own filter chain for the board's paths (a role,
 * CSRF on mutations, the app's login) and the CSRF token handed to the UI.
 */
@NullMarked
package dev.taskora.spring.board.security;

import org.jspecify.annotations.NullMarked;
