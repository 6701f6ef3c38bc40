package org.hashfed.node.entries;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Holds this member's new entries until a peer has confirmed that this node is not behind on its
 * own feed.
 *
 * <p>A node whose store was lost or restored from an older backup still holds the member key, but
 * not the entries it signed: signing the next entry at its own stale head would reuse a seq its
 * peers already hold, an equivocation that gets the member held everywhere. So a node with peers
 * starts closed; anti-entropy fetches any own entries a peer has beyond this node's head, and the
 * first head exchange whose peer holds no more of this member's feed than this node opens the gate.
 * A node without active peers starts open.
 */
public final class OwnFeedGate {

  private static final Logger LOG = Logger.getLogger(OwnFeedGate.class.getName());

  private final CompletableFuture<Void> open = new CompletableFuture<>();

  private OwnFeedGate(boolean isOpen) {
    if (isOpen) {
      open.complete(null);
    }
  }

  /** A gate that never holds anything: a node with no peers to ask. */
  public static OwnFeedGate opened() {
    return new OwnFeedGate(true);
  }

  /** A gate closed until {@link #confirm}. */
  public static OwnFeedGate closed() {
    return new OwnFeedGate(false);
  }

  /** Whether this member's new entries may be signed. */
  public boolean isOpen() {
    return open.isDone();
  }

  /**
   * Records that {@code peer} holds this member's feed up to {@code theirs} while this node holds
   * it up to {@code ours}; opens the gate when the peer is not ahead. Returns whether it is open.
   */
  public boolean confirm(String peer, long ours, long theirs) {
    if (theirs > ours || isOpen()) {
      return isOpen();
    }
    open.complete(null);
    LOG.info(() -> "own feed confirmed by peer " + peer + " (its head " + theirs + ", ours " + ours
        + "): accepting this member's new entries");
    return true;
  }

  /**
   * Waits up to {@code wait} for the gate to open, blocking.
   *
   * @throws RefusedException {@link Refusal#OWN_FEED_UNCONFIRMED} when it is still closed
   */
  public void await(Duration wait) {
    try {
      open.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unconfirmed();
    } catch (TimeoutException | ExecutionException e) {
      throw unconfirmed();
    }
  }

  /**
   * Completes when the gate opens, or fails with {@link Refusal#OWN_FEED_UNCONFIRMED} after
   * {@code wait}: for callers on an event loop, which must not block.
   */
  public CompletionStage<Void> whenOpen(Duration wait) {
    if (isOpen()) {
      return CompletableFuture.completedFuture(null);
    }
    return open.copy().orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
      throw unconfirmed();
    });
  }

  private static RefusedException unconfirmed() {
    return new RefusedException(Refusal.OWN_FEED_UNCONFIRMED, "this node has not yet confirmed with any peer that it"
        + " holds this member's whole feed (it may have lost or restored its store): new entries are held so that"
        + " none reuses a seq the peers already hold; retry once a peer is reachable");
  }
}
