/**
 * Turns annotated Spring beans into taskora tasks and listeners: the annotation
 * post-processor, consumer option resolution, and the errors that stop a context whose
 * consumers are wrong.
 */
@NullMarked
package dev.taskora.spring.config;

import org.jspecify.annotations.NullMarked;
