package dev.taskora.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code taskora.adapter} (default {@code auto}) is one of the given types.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnTaskoraAdapterCondition.class)
@interface ConditionalOnTaskoraAdapter {

	TaskoraProperties.AdapterType[] value();

}
