package org.hashfed.cli.base;

/** The exit statuses every hashfed command documents. */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;
  /** Nothing was found, no match, or a checked item failed (for example a file that could not be hashed). */
  public static final int NOT_FOUND = 1;
  /** The command line was wrong. */
  public static final int USAGE = 2;
  /** The node could not be reached or answered with an error. */
  public static final int SERVER = 3;

  private ExitCodes() {}
}
