/**
 * Spring Boot auto-configuration of taskora: properties, the app and its adapter, the
 * template, consumer processing, the worker lifecycle, and the failure analyzers that
 * explain bad configuration.
 */
@NullMarked
package dev.taskora.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
