package org.hashfed.protocol.feed;

import java.util.Optional;
import org.hashfed.protocol.entry.SignedEntry;

/** The caller's lookup of the entries it already holds for one member's feed. */
@FunctionalInterface
public interface HeldEntries {

  /** The held entry at that seq, if any. */
  Optional<SignedEntry> at(long seq);
}
