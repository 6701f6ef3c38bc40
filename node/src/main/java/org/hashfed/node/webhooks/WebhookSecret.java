package org.hashfed.node.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An endpoint's signing secret in the Standard Webhooks form {@code whsec_<base64>}; signs
 * {@code id.timestamp.body} with HMAC-SHA256 over the decoded bytes. No {@code toString}: the
 * secret is shown once, when the endpoint is made.
 */
final class WebhookSecret {

  static final String PREFIX = "whsec_";
  private static final int BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key;
  }

  static WebhookSecret generate() {
    byte[] k = new byte[BYTES];
    RANDOM.nextBytes(k);
    return new WebhookSecret(k);
  }

  /**
   * Parses {@code whsec_<base64>}.
   *
   * @throws IllegalArgumentException when it is not one
   */
  static WebhookSecret parse(String text) {
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("webhook secret does not start with " + PREFIX);
    }
    return new WebhookSecret(Base64.getDecoder().decode(text.substring(PREFIX.length())));
  }

  /** The text form, for the one response that shows it and for the store. */
  String reveal() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The {@code webhook-signature} header value: {@code v1,<base64 HMAC-SHA256(id.timestamp.body)>}. */
  String sign(String id, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
