package org.hashfed.protocol.entry;

/** The kinds of entry, with their wire names. */
public enum EntryKind {
  /** A member shares a signal. */
  SUBMIT("submit"),
  /** A member withdraws one of its own submits. */
  RETRACT("retract"),
  /** A member agrees or disagrees with another member's submit. */
  OPINION("opinion"),
  /** A member replaces the labels of one of its own submits. */
  RELABEL("relabel");

  private final String wireName;

  EntryKind(String wireName) {
    this.wireName = wireName;
  }

  /** The wire name. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException when the name is not a known kind
   */
  public static EntryKind parse(String name) {
    for (EntryKind k : values()) {
      if (k.wireName.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown entry kind " + Text.quote(name)
        + ": expected one of submit, retract, opinion, relabel");
  }
}
