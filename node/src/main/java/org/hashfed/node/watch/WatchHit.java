package org.hashfed.node.watch;

import java.time.Instant;
import org.hashfed.protocol.signal.Signal;

/** A watched item one of whose signals matches a signal of the catalog, at {@code distance} (0 for exact types). */
public record WatchHit(String contentId, Instant uploadedAt, Signal watched, int distance) {}
