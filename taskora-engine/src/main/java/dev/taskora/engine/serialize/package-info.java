/**
 * How payloads and results are stored: {@link dev.taskora.engine.serialize.Serializer}
 * (JSON through {@link dev.taskora.engine.serialize.JacksonSerializer} by default) and
 * {@link dev.taskora.engine.serialize.TypeRef} for generic input and output types.
 */
@NullMarked
package dev.taskora.engine.serialize;

import org.jspecify.annotations.NullMarked;
