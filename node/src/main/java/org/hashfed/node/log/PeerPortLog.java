package org.hashfed.node.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.SignedNote;

/**
 * A peer's log reached over the peer port (mutual TLS pinned by the roster), spec/sync.md section
 * 3.6. Each request is bounded by the peer client's deadline; once {@code abandoned} says the
 * witnessing was given up (its deadline, a stop), no further request starts.
 */
final class PeerPortLog implements PeerLog {

  private static final ObjectMapper JSON = Json.mapper();

  private final MemberId member;
  private final PeerClient client;
  private final BooleanSupplier abandoned;

  PeerPortLog(MemberId member, PeerClient client, BooleanSupplier abandoned) {
    this.member = member;
    this.client = client;
    this.abandoned = abandoned;
  }

  @Override
  public String describe() {
    return "peer " + member;
  }

  @Override
  public Future<SignedNote> checkpoint() {
    return request(() -> client.get(LogPeerRoutes.CHECKPOINT)).compose(body -> {
      try {
        return Future.succeededFuture(SignedNote.parse(body.getBytes()));
      } catch (LogFormatException e) {
        return Future.failedFuture(e);
      }
    });
  }

  @Override
  public Future<List<Hash32>> consistencyProof(long from, long to) {
    return request(() -> client.get(LogPeerRoutes.CONSISTENCY + "?from=" + from + "&to=" + to)).compose(body -> {
      List<Hash32> proof = new ArrayList<>();
      try {
        for (JsonNode h : Json.readTree(body.getBytes()).path("proof")) {
          proof.add(Hash32.fromHex(h.asText()));
        }
      } catch (IOException | IllegalArgumentException e) {
        return Future.failedFuture(new IOException(describe() + " sent a malformed consistency proof: "
            + e.getMessage(), e));
      }
      return Future.succeededFuture(proof);
    });
  }

  @Override
  public Future<Void> deliver(SignedNote cosigned, String witnessKey) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(JSON.createObjectNode().put("note", cosigned.encode())
          .put("witness_key", witnessKey));
    } catch (JsonProcessingException e) {
      return Future.failedFuture(e);
    }
    return request(() -> client.post(LogPeerRoutes.COSIGNATURES, Buffer.buffer(body))).mapEmpty();
  }

  private Future<Buffer> request(Supplier<Future<Buffer>> request) {
    if (abandoned.getAsBoolean()) {
      return Future.failedFuture(new IOException("witnessing " + describe() + " was given up"));
    }
    try {
      return request.get().recover(e -> Future.failedFuture(new IOException(describe() + ": " + e.getMessage(), e)));
    } catch (RuntimeException e) {
      // A client closed by a roster change or shutdown throws instead of failing the future.
      return Future.failedFuture(new IOException(describe() + ": " + e.getMessage(), e));
    }
  }
}
