/**
 * The Redis adapter: {@link dev.taskora.engine.adapter.redis.RedisAdapter} stores jobs in
 * taskora's Redis wire format (version 6) over Lettuce, so Java and Node taskora
 * processes can share a queue. Every state transition is one Lua script (resources
 * {@code lua/*.lua}); blocking waits use a dedicated connection per worker, events one
 * shared stream reader, cancel notices one pub/sub connection.
 */
@NullMarked
package dev.taskora.engine.adapter.redis;

import org.jspecify.annotations.NullMarked;
