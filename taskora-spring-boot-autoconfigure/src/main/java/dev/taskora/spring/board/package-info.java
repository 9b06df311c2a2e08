/**
 * The board: taskora's admin web UI inside a Spring MVC app. Its REST API and Server-Sent
 * Events ({@link dev.taskora.spring.board.TaskoraBoard}), the server-side masking of
 * secrets ({@link dev.taskora.spring.board.BoardRedactor}), the built-in session login
 * used when Spring Security is absent ({@link dev.taskora.spring.board.SessionLogin}),
 * and {@link dev.taskora.spring.board.BoardSection}, through which capabilities add their
 * pages.
 */
@NullMarked
package dev.taskora.spring.board;

import org.jspecify.annotations.NullMarked;
