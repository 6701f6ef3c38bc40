package org.hashfed.node.watch;

import java.time.Instant;
import java.util.Optional;
import org.hashfed.node.catalog.VideoMatch;
import org.hashfed.protocol.signal.Signal;

/**
 * A watched item one of whose signals matches a signal of the catalog, at {@code distance} (0 for
 * exact types, the median distance of the matched frames for a video), with how a watched video
 * matched.
 */
public record WatchHit(String contentId, Instant uploadedAt, Signal watched, int distance, Optional<VideoMatch> video) {}
