package org.hashfed.cli.demo;

/** A demo step that did not do what the story says; the message says what happened instead. */
final class DemoException extends Exception {

  private static final long serialVersionUID = 1L;

  DemoException(String message) {
    super(message);
  }
}
