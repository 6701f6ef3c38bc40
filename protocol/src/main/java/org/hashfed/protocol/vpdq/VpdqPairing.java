package org.hashfed.protocol.vpdq;

/**
 * A pair of frame sets, the query's and the compared (shared) video's, that are matched against
 * each other (spec/video.md section 3). Only pairs that show the same part of the same footage
 * after a common edit are compared: every extra pair is another chance of a false match.
 */
public enum VpdqPairing {
  /** Whole frames on both sides: plain vPDQ. */
  STANDARD(FrameSet.STANDARD, FrameSet.STANDARD, "standard"),
  /** The query's content area against the compared video's whole frames: the query has bars added. */
  QUERY_CONTENT(FrameSet.CONTENT, FrameSet.STANDARD, "content"),
  /** The query's whole frames against the compared video's content area: bars removed. */
  COMPARED_CONTENT(FrameSet.STANDARD, FrameSet.CONTENT, "content"),
  /** Content areas on both sides: different bars. */
  BOTH_CONTENT(FrameSet.CONTENT, FrameSet.CONTENT, "content"),
  /** The central 60% on both sides: an overlay (logo, caption) near an edge on either. */
  CENTRE(FrameSet.CENTRE_60, FrameSet.CENTRE_60, "centre"),
  /** The query's whole frames against the compared video's central 80%: the query is a cropped copy. */
  QUERY_CROPPED(FrameSet.STANDARD, FrameSet.CENTRE_80, "query-cropped"),
  /** As {@link #QUERY_CROPPED}, inside the query's borders. */
  QUERY_CONTENT_CROPPED(FrameSet.CONTENT, FrameSet.CENTRE_80, "query-cropped"),
  /** The query's central 80% against the compared video's whole frames: the compared video is cropped. */
  COMPARED_CROPPED(FrameSet.CENTRE_80, FrameSet.STANDARD, "compared-cropped"),
  /** As {@link #COMPARED_CROPPED}, inside the compared video's borders. */
  COMPARED_CONTENT_CROPPED(FrameSet.CENTRE_80, FrameSet.CONTENT, "compared-cropped");

  private static final VpdqPairing[][] BY_SETS = new VpdqPairing[FrameSet.values().length][FrameSet.values().length];

  static {
    for (VpdqPairing p : values()) {
      BY_SETS[p.query.ordinal()][p.compared.ordinal()] = p;
    }
  }

  private final FrameSet query;
  private final FrameSet compared;
  private final String via;

  VpdqPairing(FrameSet query, FrameSet compared, String via) {
    this.query = query;
    this.compared = compared;
    this.via = via;
  }

  /** The pairing of these two sets, or null when they are never compared. */
  public static VpdqPairing of(FrameSet query, FrameSet compared) {
    return BY_SETS[query.ordinal()][compared.ordinal()];
  }

  /** The query's set. */
  public FrameSet query() {
    return query;
  }

  /** The compared video's set. */
  public FrameSet compared() {
    return compared;
  }

  /**
   * How a node reports the match: {@code standard}, {@code content}, {@code centre},
   * {@code query-cropped} or {@code compared-cropped}.
   */
  public String via() {
    return via;
  }

  /** Which hashes of the query were used, e.g. {@code standard} or {@code centre-80}. */
  public String queryHashes() {
    return query.label();
  }

  /** Which hashes of the compared video were used. */
  public String comparedHashes() {
    return compared.label();
  }
}
