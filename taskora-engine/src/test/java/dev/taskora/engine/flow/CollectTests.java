package dev.taskora.engine.flow;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;

import dev.taskora.engine.serialize.TypeRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class CollectTests {

	record Event(String region) {
	}

	@Test
	void aStaticKeyAndTheLimitsAreKept() {
		Collect<Object> collect = Collect.byKey("db", Duration.ofSeconds(2))
			.maxSize(100)
			.maxWait(Duration.ofSeconds(10));
		assertThat(collect.staticKey()).isEqualTo("db");
		assertThat(collect.keyFor(new Event("eu"))).isEqualTo("db");
		assertThat(collect.delay()).isEqualTo(Duration.ofSeconds(2));
		assertThat(collect.maxSize()).isEqualTo(100);
		assertThat(collect.maxWait()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void aDerivedKeyComesFromTheItem() {
		Collect<Event> collect = Collect.by(event -> "region:" + event.region(), Duration.ofSeconds(5));
		assertThat(collect.staticKey()).isNull();
		assertThat(collect.keyFor(new Event("us"))).isEqualTo("region:us");
		assertThat(collect.maxSize()).isZero();
		assertThat(collect.maxWait()).isNull();
	}

	@Test
	void badValuesAreRejectedNamingTheOptionAndValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> Collect.byKey(null, Duration.ofSeconds(1)))
			.withMessage("collect key must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> Collect.byKey("  ", Duration.ofSeconds(1)))
			.withMessageContaining("collect key must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> Collect.by(null, Duration.ofSeconds(1)))
			.withMessage("collect key must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> Collect.byKey("k", Duration.ZERO))
			.withMessage("collect delay must be positive, was PT0S");
		assertThatNullPointerException().isThrownBy(() -> Collect.byKey("k", null))
			.withMessageContaining("collect delay");
		Collect<Object> collect = Collect.byKey("k", Duration.ofSeconds(1));
		assertThatIllegalArgumentException().isThrownBy(() -> collect.maxSize(0))
			.withMessage("collect maxSize must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> collect.maxWait(Duration.ofMillis(-5)))
			.withMessageContaining("collect maxWait must be positive");
		Collect<Event> derived = Collect.by(event -> event.region(), Duration.ofSeconds(1));
		assertThatIllegalArgumentException().isThrownBy(() -> derived.keyFor(new Event(" ")))
			.withMessageContaining("blank");
		assertThatIllegalArgumentException().isThrownBy(() -> derived.keyFor(new Event(null)))
			.withMessageContaining("null");
	}

	@Test
	void theBatchTypeIsAListOfTheItemTypeEqualToTheJdksOwn() {
		Type batch = FlowDispatch.batchOf(Event.class);
		Type jdk = new TypeRef<List<Event>>() {
		}.type();
		assertThat(batch).isEqualTo(jdk);
		assertThat(jdk).isEqualTo(batch);
		assertThat(batch.hashCode()).isEqualTo(jdk.hashCode());
		assertThat(batch.getTypeName()).isEqualTo(jdk.getTypeName());
	}

}
