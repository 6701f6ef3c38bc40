package org.hashfed.node.api;

import java.util.List;
import org.hashfed.protocol.signal.Signal;

/**
 * The matches of one query signal, best first, and whether a cap of the request left some out
 * ({@code match.max_per_signal}, {@code match.max_per_response} or the request's own lower caps).
 */
public record SignalMatches<T>(Signal signal, List<T> matches, boolean truncated) {

  /** Copies {@code matches}. */
  public SignalMatches {
    matches = List.copyOf(matches);
  }
}
