package org.hashfed.protocol.entry;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The closed set of reasons for a retract or an opinion. */
public enum ReasonCode {
  /** The content is what the labels say (the only reason an {@code agree} opinion takes). */
  CONFIRMED("confirmed"),
  /** The content is not terrorist or violent extremist content at all. */
  FALSE_POSITIVE("false_positive"),
  /** The content is in scope but the labels are wrong. */
  WRONG_LABEL("wrong_label"),
  /** The content is outside the consortium's scope (for example news reporting or counter-speech). */
  OUT_OF_SCOPE("out_of_scope"),
  /** The hash is too weak to match reliably (for example a low-quality or near-uniform PDQ). */
  LOW_QUALITY("low_quality"),
  /** The same signal was already submitted. */
  DUPLICATE("duplicate"),
  /** A legal or regulatory obligation requires it. */
  LEGAL("legal"),
  /** None of the above; the note says why. */
  OTHER("other");

  private final String wireName;

  ReasonCode(String wireName) {
    this.wireName = wireName;
  }

  /** The wire name. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException when the name is not one of the reason codes
   */
  public static ReasonCode parse(String name) {
    for (ReasonCode r : values()) {
      if (r.wireName.equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown reason " + Text.quote(name) + ": expected one of "
        + Arrays.stream(values()).map(ReasonCode::wireName).collect(Collectors.joining(", ")));
  }
}
