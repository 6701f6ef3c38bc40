package org.hashfed.node.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * A listing that matched a query signal, at a PDQ Hamming distance (0 for exact signals; for a
 * video the median distance of its matched frames), with how a video matched.
 */
public record CatalogMatch(Listing listing, int distance, Optional<VideoMatch> video) {

  /** Validates the parts. */
  public CatalogMatch {
    Objects.requireNonNull(listing, "listing");
    Objects.requireNonNull(video, "video");
  }

  /** A match of an image or exact signal. */
  public CatalogMatch(Listing listing, int distance) {
    this(listing, distance, Optional.empty());
  }
}
