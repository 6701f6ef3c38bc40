package org.hashfed.node.trust;

import java.util.Map;
import org.hashfed.node.catalog.Listing;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Stance;

/** How this node judges listings under one trust policy: before or after a change. */
public interface TrustView {

  /** The trust and confidence of {@code listing} at PDQ distance 0, with the opinions in force. */
  default Judgement judge(Listing listing) {
    return judge(listing, Map.of());
  }

  /**
   * As {@link #judge(Listing)}, with {@code extra} opinions (author to stance) counted as well, each
   * replacing the author's opinion in force: for opinions about to be stored.
   */
  Judgement judge(Listing listing, Map<MemberId, Stance> extra);
}
