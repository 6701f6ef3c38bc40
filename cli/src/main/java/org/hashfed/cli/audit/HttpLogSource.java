package org.hashfed.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.protocol.audit.LogSource;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.json.Json;

/**
 * A node's log read over its platform API with an audit (or admin) key. Bodies are parsed with the
 * protocol's strict mapper (duplicate keys refused), since the node is not trusted.
 */
final class HttpLogSource implements LogSource {

  private final NodeClient client;

  HttpLogSource(NodeClient client) {
    this.client = client;
  }

  /** The node's base URL. */
  URI base() {
    return client.connection().base();
  }

  @Override
  public String checkpoint() throws IOException {
    return text("/v1/log/checkpoint");
  }

  @Override
  public List<byte[]> leaves(long start, long end) throws IOException {
    JsonNode body = json("/v1/log/entries?start=" + start + "&end=" + end);
    List<byte[]> out = new ArrayList<>();
    for (JsonNode e : body.path("entries")) {
      out.add(decode(e.path("envelope").asText()));
    }
    return out;
  }

  @Override
  public List<Envelope> rosterHistory() throws IOException {
    List<Envelope> out = new ArrayList<>();
    for (JsonNode v : json("/v1/log/roster").path("versions")) {
      try {
        out.add(Envelope.parse(Json.write(v)));
      } catch (EnvelopeFormatException e) {
        throw new IOException("node " + base() + " served a roster version that is not an envelope: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The logged entries about one signal: index and envelope bytes. */
  List<Leaf> aboutSignal(String type, String value) throws IOException {
    JsonNode body = json("/v1/log/provenance?type=" + enc(type) + "&value=" + enc(value));
    List<Leaf> out = new ArrayList<>();
    for (JsonNode e : body.path("entries")) {
      out.add(new Leaf(e.path("index").asLong(), decode(e.path("envelope").asText())));
    }
    return out;
  }

  /** The inclusion proof of leaf {@code index} at {@code size}, as hex hashes. */
  List<String> inclusionProof(long index, long size) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode h : json("/v1/log/proof/inclusion?index=" + index + "&size=" + size).path("proof")) {
      out.add(h.asText());
    }
    return out;
  }

  record Leaf(long index, byte[] envelope) {}

  private JsonNode json(String path) throws IOException {
    return Json.readTree(text(path).getBytes(StandardCharsets.UTF_8));
  }

  /** The body of a 2xx answer; every failure, whatever the client's exit status, is a node error to an auditor. */
  private String text(String path) throws IOException {
    try {
      return client.getText(path);
    } catch (CommandError e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private byte[] decode(String base64) throws IOException {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IOException("node " + base() + " served a leaf that is not base64", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
