package org.hashfed.protocol.roster;

/**
 * The share of a roster's active members whose signatures make the next version valid: a fraction
 * {@code numerator/denominator}, rounded up, never less than one signature.
 */
public final class Quorum {

  /** Largest denominator accepted. */
  public static final int MAX_DENOMINATOR = 100;

  /** The default rule: two thirds of the active members, rounded up. */
  public static final Quorum TWO_THIRDS = new Quorum(2, 3);

  private final int numerator;
  private final int denominator;

  private Quorum(int numerator, int denominator) {
    this.numerator = numerator;
    this.denominator = denominator;
  }

  /**
   * The fraction {@code numerator/denominator}.
   *
   * @throws IllegalArgumentException unless 1 <= numerator <= denominator <= 100
   */
  public static Quorum of(int numerator, int denominator) {
    if (numerator < 1 || denominator > MAX_DENOMINATOR || numerator > denominator) {
      throw new IllegalArgumentException("invalid quorum " + numerator + "/" + denominator
          + ": expected a fraction n/d with 1 <= n <= d <= " + MAX_DENOMINATOR + ", e.g. 2/3");
    }
    return new Quorum(numerator, denominator);
  }

  /**
   * Parses the text form {@code n/d}, e.g. {@code 2/3}.
   *
   * @throws IllegalArgumentException when the text is not such a fraction
   */
  public static Quorum parse(String text) {
    String expected = ": expected a fraction n/d with 1 <= n <= d <= " + MAX_DENOMINATOR + ", e.g. 2/3";
    if (text == null || !text.matches("[0-9]{1,3}/[0-9]{1,3}")) {
      throw new IllegalArgumentException("invalid quorum " + RosterText.quote(text) + expected);
    }
    int slash = text.indexOf('/');
    return of(Integer.parseInt(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
  }

  /** The numerator. */
  public int numerator() {
    return numerator;
  }

  /** The denominator. */
  public int denominator() {
    return denominator;
  }

  /**
   * The number of distinct active members whose signatures are needed:
   * {@code ceil(numerator * active / denominator)}, at least 1.
   *
   * @throws IllegalArgumentException when active is negative
   */
  public int required(int active) {
    if (active < 0) {
      throw new IllegalArgumentException("active member count " + active + " is negative");
    }
    long product = (long) numerator * active;
    return (int) Math.max(1, (product + denominator - 1) / denominator);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quorum q && q.numerator == numerator && q.denominator == denominator;
  }

  @Override
  public int hashCode() {
    return 31 * numerator + denominator;
  }

  /** The text form {@code n/d}. */
  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
