package org.hashfed.node.webhooks;

/** The node already has as many webhook endpoints as its configuration allows. */
public final class WebhookLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  WebhookLimitException(String message) {
    super(message);
  }
}
