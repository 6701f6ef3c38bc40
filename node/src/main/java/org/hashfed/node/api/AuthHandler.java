package org.hashfed.node.api;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Clock;
import org.hashfed.node.auth.ApiKeys;
import org.hashfed.node.auth.Authentication;
import org.hashfed.node.auth.Role;

/**
 * Lets a request through only with {@code Authorization: Bearer <key>} of a role that includes the
 * required one.
 *
 * <p>A platform handler so that Vert.x runs it before the body handler: an unauthenticated request
 * is refused before its body is buffered.
 */
final class AuthHandler implements PlatformHandler {

  static final String ROLE_KEY = "hashfed.role";
  /** The id of the request's API key, for limits kept per key. */
  static final String KEY_ID_KEY = "hashfed.key-id";

  private final ApiKeys keys;
  private final Role required;
  private final Clock clock;

  AuthHandler(ApiKeys keys, Role required, Clock clock) {
    this.keys = keys;
    this.required = required;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.isBlank()) {
      ctx.fail(Problem.of(401, "missing-api-key", "Missing API key",
          "send an API key as \"Authorization: Bearer <key>\""));
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.fail(Problem.of(401, "invalid-api-key", "Invalid API key",
          "the Authorization header must use the Bearer scheme (expected: \"Bearer <key>\")"));
      return;
    }
    Authentication auth = keys.check(header.substring(7).trim(), clock.instant());
    if (auth instanceof Authentication.Expired expired) {
      ctx.fail(Problem.of(401, "expired-api-key", "Expired API key", "the API key " + expired.id() + " expired at "
          + expired.expiredAt() + ": ask an admin for a new key"));
      return;
    }
    if (!(auth instanceof Authentication.Valid valid)) {
      ctx.fail(Problem.of(401, "invalid-api-key", "Invalid API key", "the API key is not known to this node"));
      return;
    }
    Role role = valid.role();
    if (!role.includes(required)) {
      ctx.fail(Problem.of(403, "insufficient-role", "Insufficient role",
          "this endpoint needs a key with role " + required.wireName() + " or higher; the key has role "
              + role.wireName()));
      return;
    }
    ctx.put(ROLE_KEY, role);
    ctx.put(KEY_ID_KEY, valid.id());
    ctx.next();
  }
}
