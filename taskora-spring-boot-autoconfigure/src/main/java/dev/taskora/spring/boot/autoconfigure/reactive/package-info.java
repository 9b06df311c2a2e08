/**
 * Auto-configuration of reactive dispatching.
 */
@NullMarked
package dev.taskora.spring.boot.autoconfigure.reactive;

import org.jspecify.annotations.NullMarked;
