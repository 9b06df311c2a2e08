package dev.taskora.spring.board;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SessionLoginTests {

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	private static final BoardSettings SETTINGS = new BoardSettings("/taskora", "Taskora", false, "auto",
			Duration.ofSeconds(2), "session");

	@Test
	void readsBackTheUserOfACookieItSignedUntilItExpires() {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		SessionLogin login = login(SECRET, clock);
		String cookie = login.sign("ops");
		assertThat(login.verify(cookie)).contains("ops");
		clock.now = clock.now.plus(Duration.ofHours(1)).minusSeconds(1);
		assertThat(login.verify(cookie)).contains("ops");
		clock.now = clock.now.plusSeconds(1);
		assertThat(login.verify(cookie)).isEmpty();
	}

	@Test
	void refusesCookiesSignedWithAnotherSecretOrAltered() {
		Clock clock = Clock.systemUTC();
		String cookie = login("another-secret-another-secret-!!", clock).sign("ops");
		assertThat(login(SECRET, clock).verify(cookie)).isEmpty();
		String mine = login(SECRET, clock).sign("ops");
		assertThat(login(SECRET, clock).verify(mine.replace('.', '!'))).isEmpty();
		assertThat(login(SECRET, clock).verify("." + mine)).isEmpty();
		assertThat(login(SECRET, clock).verify(mine.substring(1))).isEmpty();
	}

	@Test
	void refusesAShortSecret() {
		assertThatIllegalArgumentException().isThrownBy(() -> login("too-short", Clock.systemUTC()))
			.withMessage("secret must be at least 32 characters long, was 9");
	}

	@Test
	void acceptsOnlyTheConfiguredCredentials() {
		BoardAuthenticator authenticator = BoardAuthenticator.of("ops", "pw");
		assertThat(authenticator.authenticate("ops", "pw")).isEqualTo("ops");
		assertThat(authenticator.authenticate("ops", "PW")).isNull();
		assertThat(authenticator.authenticate("root", "pw")).isNull();
	}

	private static SessionLogin login(String secret, Clock clock) {
		return new SessionLogin(SETTINGS, BoardAuthenticator.of("ops", "pw"), secret, "session", Duration.ofHours(1),
				clock);
	}

	private static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
