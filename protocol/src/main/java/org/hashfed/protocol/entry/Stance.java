package org.hashfed.protocol.entry;

/** Whether an opinion supports or disputes another member's submit. */
public enum Stance {
  /** The member confirms the submit. */
  AGREE("agree"),
  /** The member disputes the submit. */
  DISAGREE("disagree");

  private final String wireName;

  Stance(String wireName) {
    this.wireName = wireName;
  }

  /** The wire name. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException when the name is neither {@code agree} nor {@code disagree}
   */
  public static Stance parse(String name) {
    for (Stance s : values()) {
      if (s.wireName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown stance " + Text.quote(name) + ": expected agree or disagree");
  }
}
