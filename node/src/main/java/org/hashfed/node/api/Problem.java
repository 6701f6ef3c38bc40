package org.hashfed.node.api;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem: an HTTP status, a stable type, a title and a detail naming the offending
 * value. Handlers throw it (or fail the context with it); {@link ProblemHandler} writes it.
 */
public final class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Prefix of every problem type URI; the suffix is a stable slug listed in spec/openapi.yaml. */
  public static final String TYPE_PREFIX = "urn:hashfed:problem:";

  /** Media type of problem bodies. */
  public static final String CONTENT_TYPE = "application/problem+json";

  private static final int MAX_VALUE_LENGTH = 200;

  private final int status;
  private final String slug;
  private final String title;
  private final String value;

  private Problem(int status, String slug, String title, String detail, String value) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.value = value;
  }

  /** A problem with the given status, type slug, title and detail. */
  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(status, slug, title, detail, null);
  }

  /** A problem that echoes the offending {@code value} (abbreviated) so the caller sees what was wrong. */
  public static Problem of(int status, String slug, String title, String detail, String value) {
    return new Problem(status, slug, title, detail, value);
  }

  /** 400: a request field is invalid; {@code value} is echoed back (abbreviated) so the caller sees what was wrong. */
  public static Problem invalid(String slug, String detail, String value) {
    return new Problem(400, slug, "Invalid request", detail, value);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The stable slug of the type, e.g. {@code invalid-signal}. */
  public String slug() {
    return slug;
  }

  /** The problem as an RFC 9457 JSON object, with {@code instance} set to the request path. */
  public JsonObject toJson(String instance) {
    JsonObject o = new JsonObject()
        .put("type", TYPE_PREFIX + slug)
        .put("title", title)
        .put("status", status)
        .put("detail", getMessage());
    if (instance != null) {
      o.put("instance", instance);
    }
    if (value != null) {
      o.put("value", value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH) + "...");
    }
    return o;
  }
}
