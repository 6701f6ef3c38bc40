package org.hashfed.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** The one Jackson configuration every hashfed format is read and written with. */
public final class Json {

  // Duplicate keys and trailing data are rejected: two parsers must never disagree on what a
  // signed document says.
  private static final ObjectMapper MAPPER = JsonMapper.builder(
          JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder()
                  .maxNestingDepth(32)
                  .maxNumberLength(32)
                  .maxStringLength(1 << 20)
                  .build())
              .build())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .build();

  private Json() {}

  /** The shared, thread-safe mapper; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Reads one JSON document from bytes.
   *
   * @throws IOException when the bytes are not exactly one well-formed JSON document
   */
  public static JsonNode readTree(byte[] bytes) throws IOException {
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (NumberFormatException e) {
      // A number BigDecimal cannot hold (an exponent such as 1e9800000100, short enough for
      // maxNumberLength) escapes Jackson as an unchecked exception: it is malformed input all the same.
      throw new IOException("a number out of range: " + e.getMessage(), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new IOException("empty input: expected a JSON document");
    }
    return node;
  }

  /** Compact JSON text of a tree, fields in insertion order. */
  public static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }
}
