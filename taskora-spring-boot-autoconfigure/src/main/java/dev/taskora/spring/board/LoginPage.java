package dev.taskora.spring.board;

import org.springframework.web.util.HtmlUtils;

/** The built-in login's page: a form, rendered on the server, with no script. */
final class LoginPage {

	private LoginPage() {
	}

	static String html(BoardSettings settings, String redirect, boolean failed) {
		String base = HtmlUtils.htmlEscape(settings.basePath());
		String title = HtmlUtils.htmlEscape(settings.title());
		String error = failed ? "<p class=\"login-error\" role=\"alert\">Wrong username or password.</p>" : "";
		return """
				<!doctype html>
				<html lang="en" data-theme="%s">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>Sign in · %s</title>
				<link rel="stylesheet" href="%s/assets/board.css">
				</head>
				<body class="login-body">
				<form class="login" method="post" action="%s/auth/login">
				<h1>%s</h1>
				%s
				<label>Username <input id="username" name="username" autocomplete="username" required autofocus></label>
				<label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label>
				<input type="hidden" name="redirect" value="%s">
				<button id="sign-in" type="submit">Sign in</button>
				</form>
				</body>
				</html>
				"""
			.formatted(HtmlUtils.htmlEscape(settings.theme()), title, base, base, title, error,
					HtmlUtils.htmlEscape(redirect));
	}

}
