package org.hashfed.node.roster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.MemberStatus;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.roster.Quorum;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterVerificationException;
import org.hashfed.protocol.roster.RosterVerifier;
import org.hashfed.protocol.roster.SignedRoster;
import org.hashfed.protocol.roster.TlsFingerprint;

/**
 * Builds the node's {@link RosterBook} at start from the versions in the store and the configured
 * roster file, creating a signed one-member development roster on first start when there is no file.
 *
 * <p>The roster file holds one roster envelope per line, version 1 first: a single CLI roster
 * file, or several concatenated ({@code cat roster-v1.json roster-v2.json > roster.json}).
 */
public final class RosterLoader {

  private static final Logger LOG = Logger.getLogger(RosterLoader.class.getName());
  private static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

  private RosterLoader() {}

  /**
   * Loads and verifies the roster chain and checks that it lists this member with its key and TLS certificate.
   *
   * @throws NodeStartException when a version does not verify, the file and the store disagree,
   *     or the current version does not list this member's key or certificate
   */
  public static RosterBook load(NodeConfig config, Store store, MemberIdentity identity, TlsFingerprint tls,
      Clock clock) {
    List<Envelope> stored = new ArrayList<>();
    for (byte[] json : store.metaWithPrefix(RosterBook.KEY_PREFIX).values()) {
      stored.add(parse(json, "stored roster version"));
    }
    Path file = config.rosterFile();
    List<Envelope> fromFile;
    if (Files.exists(file)) {
      fromFile = readFile(file);
    } else if (stored.isEmpty()) {
      fromFile = List.of(createDevRoster(config, identity, tls, file, clock));
    } else {
      fromFile = List.of();
    }
    List<Envelope> longer = fromFile.size() > stored.size() ? fromFile : stored;
    List<Envelope> shorter = longer == fromFile ? stored : fromFile;
    for (int i = 0; i < shorter.size(); i++) {
      if (!shorter.get(i).equals(longer.get(i))) {
        throw new NodeStartException("roster file " + file + " version " + (i + 1)
            + " differs from the version this node adopted before: expected the consortium's chain, in order", null);
      }
    }
    List<SignedRoster> chain = verify(longer, file);
    SignedRoster current = chain.get(chain.size() - 1);
    checkSelf(current, identity, tls, file);
    LOG.info(() -> "roster " + current);
    return RosterBook.create(store, chain, stored.size());
  }

  private static List<SignedRoster> verify(List<Envelope> envelopes, Path file) {
    List<SignedRoster> chain = new ArrayList<>();
    try {
      SignedRoster held = RosterVerifier.verifyGenesis(envelopes.get(0), null);
      chain.add(held);
      for (Envelope e : envelopes.subList(1, envelopes.size())) {
        held = RosterVerifier.verifyNext(held, e);
        chain.add(held);
      }
      return chain;
    } catch (RosterVerificationException e) {
      throw new NodeStartException("roster " + file + " does not verify: " + e.getMessage(), e);
    }
  }

  private static void checkSelf(SignedRoster current, MemberIdentity identity, TlsFingerprint tls, Path file) {
    MemberRecord me = current.roster().member(identity.member()).orElseThrow(() -> new NodeStartException(
        "roster " + file + " (version " + current.roster().version() + ") has no member " + identity.member()
            + ": expected a member with \"id\": \"" + identity.member() + "\"", null));
    if (!me.key().equals(identity.publicKey())) {
      throw new NodeStartException("roster " + file + " gives member " + identity.member()
          + " a different public key than the member key file: expected " + identity.publicKey().toBase64(), null);
    }
    if (!me.tlsFingerprint().equals(tls)) {
      throw new NodeStartException("roster " + file + " pins TLS fingerprint " + me.tlsFingerprint() + " for member "
          + identity.member() + " but this node's tls.crt has " + tls
          + ": peers would refuse this node (update the roster with 'hashfed consortium propose set-tls')", null);
    }
    if (!me.isActive()) {
      LOG.warning(() -> "member " + identity.member() + " is " + me.status().wireName()
          + " in the roster: peers refuse its new entries");
    }
  }

  private static Envelope createDevRoster(NodeConfig config, MemberIdentity identity, TlsFingerprint tls, Path file,
      Clock clock) {
    int port = config.peerPort() == 0 ? NodeConfig.DEFAULT_PEER_PORT : config.peerPort();
    MemberRecord me = MemberRecord.create(identity.member(), identity.member().value(), identity.publicKey(),
        PeerUrl.parse("https://" + config.peerHost().toLowerCase(Locale.ROOT) + ":" + port), tls, MemberStatus.ACTIVE);
    Roster genesis = Roster.genesis("dev-" + identity.member().value(), Quorum.TWO_THIRDS,
        EntryTime.truncate(clock.instant()), List.of(me));
    Envelope signed = identity.signRoster(genesis);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] json = signed.toJson();
      byte[] line = new byte[json.length + 1];
      System.arraycopy(json, 0, line, 0, json.length);
      line[json.length] = '\n';
      Files.write(file, line);
    } catch (IOException e) {
      throw new NodeStartException("cannot write the development roster " + file + ": " + e.getMessage(), e);
    }
    LOG.info(() -> "first start: created single-member development roster " + file);
    return signed;
  }

  private static List<Envelope> readFile(Path file) {
    String text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new NodeStartException("roster file " + file + " is larger than " + MAX_FILE_BYTES + " bytes", null);
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new NodeStartException("cannot read roster file " + file + ": " + e.getMessage(), e);
    }
    List<Envelope> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add(parse(line.strip().getBytes(StandardCharsets.UTF_8), "roster file " + file + " line " + (out.size() + 1)));
      }
    }
    if (out.isEmpty()) {
      throw new NodeStartException("roster file " + file
          + " is empty: expected roster envelopes, one per line, version 1 first", null);
    }
    return out;
  }

  private static Envelope parse(byte[] json, String what) {
    try {
      return Envelope.parse(json);
    } catch (EnvelopeFormatException e) {
      throw new NodeStartException(what + " is not a roster envelope: " + e.getMessage(), e);
    }
  }
}
