package org.hashfed.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.hashfed.protocol.json.Json;

/**
 * Reads JSON request bodies through the hardened protocol mapper, so a body means the same thing to
 * every reader: duplicate keys, invalid UTF-8 and non-JSON content types are refused.
 */
public final class JsonBodies {

  private JsonBodies() {}

  /**
   * The request body as a JSON object, or a problem saying why it is not one: 415 for a content type
   * other than JSON, 400 for invalid UTF-8, duplicate keys or anything but exactly one JSON object.
   */
  public static JsonObject object(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().isEmpty()) {
      throw Problem.of(400, "malformed-json", "Malformed JSON", "the request body is empty (expected: a JSON object)");
    }
    requireJsonMediaType(ctx);
    byte[] bytes = ctx.body().buffer().getBytes();
    // Vert.x would replace invalid sequences with U+FFFD: two readers would disagree on the text.
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw Problem.of(400, "malformed-json", "Malformed JSON", "the request body is not valid UTF-8: "
          + result.length() + " invalid byte(s) at offset " + in.position() + " (expected: UTF-8 text)");
    }
    decoder.flush(out);
    String text = out.flip().toString();
    JsonNode node;
    try {
      node = Json.readTree(bytes);
    } catch (IOException e) {
      throw Problem.of(400, "malformed-json", "Malformed JSON",
          "the request body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (!node.isObject()) {
      throw Problem.of(400, "malformed-json", "Malformed JSON", "the request body must be a JSON object");
    }
    // The hardened mapper has vetted the document; Vert.x's reading of it is now unambiguous.
    return new JsonObject(text);
  }

  /**
   * A 415 problem unless the request's content type is {@code application/json} or
   * {@code application/*+json}, with at most a UTF-8 charset.
   */
  public static void requireJsonMediaType(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (!isJsonMediaType(contentType)) {
      throw Problem.of(415, "unsupported-media-type", "Unsupported media type",
          "content type " + contentType + " is not accepted here (expected: application/json; charset=utf-8)",
          String.valueOf(contentType));
    }
  }

  private static boolean isJsonMediaType(String header) {
    if (header == null) {
      return false;
    }
    String[] parts = header.split(";");
    String type = parts[0].strip().toLowerCase(Locale.ROOT);
    boolean json = type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json") && type.length() > "application/+json".length());
    if (!json) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0 || !p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        return false;
      }
      String value = p.substring(eq + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      if (!value.equalsIgnoreCase("utf-8")) {
        return false;
      }
    }
    return true;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
