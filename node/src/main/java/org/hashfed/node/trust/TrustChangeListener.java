package org.hashfed.node.trust;

import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.MemberId;

/** A feature that follows changes of a member's trust in the batch that stores them. */
public interface TrustChangeListener {

  /**
   * Adds this feature's records to the batch that stores a change of {@code member}'s policy, so
   * that they commit atomically with it; {@code before} and {@code after} judge under the policy
   * before and after the change. Runs under the trust service's lock; if this throws, the change
   * is not stored.
   */
  void beforeCommit(MemberId member, TrustView before, TrustView after, StoreWrite write);
}
