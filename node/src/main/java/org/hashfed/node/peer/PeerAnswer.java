package org.hashfed.node.peer;

import io.vertx.core.buffer.Buffer;

/**
 * A peer's complete answer to a request, whatever its status.
 *
 * @param from the peer's base URL, for messages
 * @param contentType the Content-Type header, null when absent
 * @param retryAfter the Retry-After header, null when absent
 * @param body the body, at most the client's body limit
 */
public record PeerAnswer(String from, int status, String contentType, String retryAfter, Buffer body) {}
