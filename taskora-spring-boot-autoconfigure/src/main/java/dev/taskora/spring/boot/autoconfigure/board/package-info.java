/**
 * Auto-configuration of the board ({@code taskora.board.*}): servlet web apps only.
 */
@NullMarked
package dev.taskora.spring.boot.autoconfigure.board;

import org.jspecify.annotations.NullMarked;
