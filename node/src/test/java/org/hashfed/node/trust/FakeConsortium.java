package org.hashfed.node.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.entry.EntryBody;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.feed.FeedState;
import org.hashfed.protocol.signal.Signal;

/**
 * Other members of a test consortium: fixed-seed Ed25519 keys and a feed per member, so a test
 * can sign exactly the entries a peer would deliver to {@code Ledger.ingest}. {@link #publicKeys()}
 * gives what a roster needs, should the node start checking membership of ingested entries.
 */
public final class FakeConsortium {

  private final Map<MemberId, EntrySigner> signers = new LinkedHashMap<>();
  private final Map<MemberId, Ed25519PublicKey> keys = new LinkedHashMap<>();
  private final Map<MemberId, FeedState> feeds = new LinkedHashMap<>();

  /** Members with keys derived from their ids. */
  public FakeConsortium(String... members) {
    for (String m : members) {
      MemberId id = MemberId.parse(m);
      Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(sha256("hashfed test member " + m));
      signers.put(id, EntrySigner.create(id, key));
      keys.put(id, key.publicKey());
      feeds.put(id, FeedState.empty(id));
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each member's public key. */
  public Map<MemberId, Ed25519PublicKey> publicKeys() {
    return Map.copyOf(keys);
  }

  /** The next entry of {@code member}'s feed with this body, signed, at the current second. */
  public SignedEntry sign(String member, EntryBody body) {
    return sign(member, body, EntryTime.truncate(Instant.now()));
  }

  /** The next entry of {@code member}'s feed with this body and time, signed. */
  public SignedEntry sign(String member, EntryBody body, Instant time) {
    MemberId id = MemberId.parse(member);
    FeedState state = feeds.get(id);
    SignedEntry signed = signers.get(id).sign(state.next(time, body));
    feeds.put(id, state.advance(signed));
    return signed;
  }

  /** A submit of an md5 value with these labels. */
  public SignedEntry submitMd5(String member, String md5, String... labels) {
    return sign(member, Submit.of(Signal.parse("md5", md5), labels(labels)));
  }

  /** An opinion of {@code member} on {@code target}. */
  public SignedEntry opinion(String member, SignedEntry target, Stance stance) {
    return sign(member, Opinion.of(target.id(), target.entry().member(), stance,
        stance == Stance.AGREE ? ReasonCode.CONFIRMED : ReasonCode.FALSE_POSITIVE));
  }

  /** A retraction of {@code target} by {@code member}. */
  public SignedEntry retract(String member, EntryId target) {
    return sign(member, Retract.of(target, ReasonCode.FALSE_POSITIVE));
  }

  /** A relabel of {@code target} by {@code member}. */
  public SignedEntry relabel(String member, EntryId target, String... labels) {
    return sign(member, Relabel.of(target, labels(labels)));
  }

  private static List<Label> labels(String... labels) {
    return java.util.Arrays.stream(labels).map(Label::parse).toList();
  }
}
