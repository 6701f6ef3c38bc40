package org.hashfed.node.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.SignedNote;

/**
 * A peer's log reached over the peer port (mutual TLS pinned by the roster), spec/sync.md section
 * 3.6. Blocking: call it from a worker thread, never from an event loop.
 */
final class PeerPortLog implements PeerLog {

  private static final ObjectMapper JSON = Json.mapper();
  /** Bounds the wait beyond the client's own request timeout, in case a future is never completed. */
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final MemberId member;
  private final PeerClient client;

  PeerPortLog(MemberId member, PeerClient client) {
    this.member = member;
    this.client = client;
  }

  @Override
  public String describe() {
    return "peer " + member;
  }

  @Override
  public SignedNote checkpoint() throws IOException, LogFormatException {
    return SignedNote.parse(await(() -> client.get(LogPeerRoutes.CHECKPOINT)).getBytes());
  }

  @Override
  public List<Hash32> consistencyProof(long from, long to) throws IOException {
    JsonNode body = Json.readTree(await(() -> client.get(LogPeerRoutes.CONSISTENCY + "?from=" + from + "&to=" + to)).getBytes());
    List<Hash32> proof = new ArrayList<>();
    for (JsonNode h : body.path("proof")) {
      try {
        proof.add(Hash32.fromHex(h.asText()));
      } catch (IllegalArgumentException e) {
        throw new IOException(describe() + " sent a malformed consistency proof: " + e.getMessage(), e);
      }
    }
    return proof;
  }

  @Override
  public void deliver(SignedNote cosigned, String witnessKey) throws IOException {
    byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("note", cosigned.encode())
        .put("witness_key", witnessKey));
    await(() -> client.post(LogPeerRoutes.COSIGNATURES, Buffer.buffer(body)));
  }

  private Buffer await(java.util.function.Supplier<Future<Buffer>> request) throws IOException {
    Future<Buffer> f;
    try {
      f = request.get();
    } catch (RuntimeException e) {
      // A client closed by a roster change or shutdown throws instead of failing the future.
      throw new IOException(describe() + ": " + e.getMessage(), e);
    }
    try {
      return f.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException(describe() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(describe() + " did not answer within " + WAIT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + describe(), e);
    }
  }
}
