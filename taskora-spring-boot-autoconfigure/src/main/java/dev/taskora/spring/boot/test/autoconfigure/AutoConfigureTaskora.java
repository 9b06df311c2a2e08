package dev.taskora.spring.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports taskora's auto-configuration for tests: the memory adapter under a virtual
 * clock (in place of any Redis connection) and a {@link TaskoraTestHarness}. Part of
 * {@link TaskoraTest}; add it to a {@code @SpringBootTest} to test against the whole
 * application without Redis.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureTaskora {

}
