package org.hashfed.node.watch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.Signal;

/** Content a platform accepted and asked this node to watch: its id, its signals and when it was uploaded. */
public final class WatchedItem {

  /** Longest content id. */
  public static final int MAX_CONTENT_ID_LENGTH = 128;
  /** Most signals of one item. */
  public static final int MAX_SIGNALS = 16;

  private final String contentId;
  private final List<Signal> signals;
  private final Instant uploadedAt;

  private WatchedItem(String contentId, List<Signal> signals, Instant uploadedAt) {
    this.contentId = contentId;
    this.signals = List.copyOf(signals);
    this.uploadedAt = uploadedAt;
  }

  /**
   * An item; a content id is 1 to 128 printable ASCII characters, and an item has 1 to 16 pdq,
   * md5, sha256 or vpdq signals, a vpdq signal with at least one frame of quality 50 or more.
   *
   * @throws IllegalArgumentException naming the offending value and what was expected
   */
  public static WatchedItem create(String contentId, List<Signal> signals, Instant uploadedAt) {
    Objects.requireNonNull(uploadedAt, "uploadedAt");
    checkContentId(contentId);
    if (signals.isEmpty() || signals.size() > MAX_SIGNALS) {
      throw new IllegalArgumentException("item \"" + contentId + "\" has " + signals.size() + " signals (expected: 1 to "
          + MAX_SIGNALS + ")");
    }
    for (Signal s : signals) {
      if (s.video().isPresent() && !s.video().get().hasShareableFrame()) {
        throw new IllegalArgumentException("item \"" + contentId + "\" has vpdq signal " + s.value()
            + " without a frame of quality " + PdqResult.MIN_SHAREABLE_QUALITY + " or more: it can never match "
            + "(expected: a video with at least one such frame)");
      }
    }
    return new WatchedItem(contentId, signals, uploadedAt);
  }

  /**
   * Checks a content id.
   *
   * @throws IllegalArgumentException naming it when it is not 1 to 128 printable ASCII characters
   */
  public static String checkContentId(String contentId) {
    if (contentId == null || contentId.isEmpty() || contentId.length() > MAX_CONTENT_ID_LENGTH
        || !contentId.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw new IllegalArgumentException("content_id \"" + contentId + "\" (expected: 1 to " + MAX_CONTENT_ID_LENGTH
          + " printable ASCII characters, no spaces)");
    }
    return contentId;
  }

  /** The platform's id of the content. */
  public String contentId() {
    return contentId;
  }

  /** The content's signals. */
  public List<Signal> signals() {
    return signals;
  }

  /** When the platform accepted the content; the watch window runs from it. */
  public Instant uploadedAt() {
    return uploadedAt;
  }
}
