package dev.taskora.spring.board;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * A request the board answers with an error status and a JSON body naming what was wrong.
 */
final class BoardRequestException extends RuntimeException {

	private final HttpStatus status;

	private final @Nullable String parameter;

	private BoardRequestException(HttpStatus status, String message, @Nullable String parameter) {
		super(message);
		this.status = status;
		this.parameter = parameter;
	}

	static BoardRequestException notFound(String message) {
		return new BoardRequestException(HttpStatus.NOT_FOUND, message, null);
	}

	static BoardRequestException badParameter(String parameter, String message) {
		return new BoardRequestException(HttpStatus.BAD_REQUEST, message, parameter);
	}

	static BoardRequestException conflict(String message) {
		return new BoardRequestException(HttpStatus.CONFLICT, message, null);
	}

	HttpStatus status() {
		return this.status;
	}

	@Nullable String parameter() {
		return this.parameter;
	}

}
