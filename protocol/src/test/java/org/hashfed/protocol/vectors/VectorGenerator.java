package org.hashfed.protocol.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.dsse.Pae;
import org.hashfed.protocol.entry.EntryBody;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.feed.EquivocationEvidence;
import org.hashfed.protocol.feed.FeedState;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqCentre;
import org.hashfed.protocol.vpdq.VpdqContent;
import org.hashfed.protocol.vpdq.VpdqFrame;

/**
 * Makes the files of {@code spec/vectors/} from the code. Run {@code main} with the spec directory
 * to rewrite them; {@code VectorsTest} checks that the files equal what this produces.
 */
public final class VectorGenerator {

  static final MemberId MEMBER = MemberId.parse("acme");
  static final Instant T0 = Instant.parse("2026-11-28T13:45:00Z");
  static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
  private static final HexFormat HEX = HexFormat.of();

  private VectorGenerator() {}

  /** The seed 0x01, 0x02, ..., 0x20. */
  static byte[] seed() {
    byte[] seed = new byte[32];
    for (int i = 0; i < 32; i++) {
      seed[i] = (byte) (i + 1);
    }
    return seed;
  }

  static Ed25519PrivateKey key() {
    return Ed25519PrivateKey.fromSeed(seed());
  }

  /** File name (relative to spec/vectors) to file content. */
  static Map<String, byte[]> generate() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("key.json", pretty(keyJson()));
    files.put("entries.json", pretty(entries()));
    files.put("feed.json", pretty(feed()));
    files.put("equivocation.json", pretty(equivocation()));
    files.put("vpdq.json", pretty(vpdq(videoHashes(), "A vpdq signal in form version 1 (spec/video.md): its"
        + " frames, its content-area hashes, the binary form as hex and base64, its value (SHA-256 of the binary form),"
        + " and acme's signed submit of it.")));
    files.put("vpdq-centre.json", pretty(vpdq(videoHashesWithCentre(), "A vpdq signal in form version 2"
        + " (spec/video.md section 2.2): as vpdq.json with centre hashes (central 60% and 80% of each frame) after the"
        + " content-area hashes; the binary form as hex and base64, its value, and acme's signed submit of it.")));
    return files;
  }

  private static ObjectNode keyJson() {
    Ed25519PrivateKey k = key();
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("description", "Test key of every vector: the Ed25519 seed is the 32 bytes 0x01..0x20. Never use it for real.");
    o.put("member", MEMBER.value());
    o.put("seed_hex", HEX.formatHex(seed()));
    o.put("public_key_hex", HEX.formatHex(k.publicKey().bytes()));
    o.put("public_key_base64", k.publicKey().toBase64());
    o.put("keyid", k.publicKey().keyId().hex());
    o.put("public_key_file", new String(armour("HASHFED ED25519 PUBLIC KEY", k.publicKey().bytes()),
        StandardCharsets.US_ASCII));
    return o;
  }

  private static byte[] armour(String label, byte[] raw) {
    return ("-----BEGIN " + label + "-----\n" + Base64.getEncoder().encodeToString(raw) + "\n-----END " + label
        + "-----\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** One entry of each kind, chained as the first four entries of acme's feed. */
  static List<SignedEntry> entryChain() {
    EntrySigner signer = EntrySigner.create(MEMBER, key());
    FeedState s = FeedState.empty(MEMBER);
    SignedEntry submit = signer.sign(s.next(T0, Submit.of(Signal.pdq(PDQ, 92),
        List.of(Label.parse("behavior:glorification"), Label.parse("content:perpetrator-produced")))
        .withIncident("example-incident-1").withNote("Still frame from a perpetrator video; hash only.")
        .withExpiresAt(Instant.parse("2027-11-28T13:45:00Z"))));
    s = s.advance(submit);
    SignedEntry relabel = signer.sign(s.next(T0.plusSeconds(60), Relabel.of(submit.id(),
        List.of(Label.parse("behavior:glorification"), Label.parse("content:attack-livestream")))));
    s = s.advance(relabel);
    EntryId beta = EntryId.ofPayload("an entry of member beta".getBytes(StandardCharsets.UTF_8));
    SignedEntry opinion = signer.sign(s.next(T0.plusSeconds(120), new Opinion(beta, MemberId.parse("beta"),
        Stance.DISAGREE, ReasonCode.OUT_OF_SCOPE, Optional.of("News report about the attack, not propaganda."))));
    s = s.advance(opinion);
    SignedEntry retract = signer.sign(s.next(T0.plusSeconds(180), new Retract(submit.id(), ReasonCode.WRONG_LABEL,
        Optional.of("Resubmitted with the right labels."))));
    return List.of(submit, relabel, opinion, retract);
  }

  private static ArrayNode entries() {
    ArrayNode arr = Json.mapper().createArrayNode();
    for (SignedEntry e : entryChain()) {
      arr.add(vector(e));
    }
    return arr;
  }

  private static ObjectNode vector(SignedEntry e) {
    ObjectNode o = Json.mapper().createObjectNode();
    byte[] payload = e.envelope().payload();
    o.put("kind", e.entry().kind().wireName());
    o.put("seq", e.entry().seq());
    o.put("payload_type", e.envelope().payloadType());
    o.put("payload_text", new String(payload, StandardCharsets.UTF_8));
    o.put("payload_base64", Base64.getEncoder().encodeToString(payload));
    o.put("pae_hex", HEX.formatHex(Pae.encode(e.envelope().payloadType(), payload)));
    o.put("signature_base64", Base64.getEncoder().encodeToString(e.envelope().signatures().get(0).sig()));
    o.put("entry_id", e.id().hex());
    o.put("envelope_json", new String(e.envelope().toJson(), StandardCharsets.UTF_8));
    return o;
  }

  /** Three submits (pdq, md5, sha256) forming acme's feed seq 1..3. */
  static List<SignedEntry> feedEntries() {
    EntrySigner signer = EntrySigner.create(MEMBER, key());
    List<Signal> signals = List.of(Signal.pdq(PDQ, 100), Signal.parse("md5", "d41d8cd98f00b204e9800998ecf8427e"),
        Signal.parse("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    FeedState s = FeedState.empty(MEMBER);
    List<SignedEntry> out = new java.util.ArrayList<>();
    for (int i = 0; i < signals.size(); i++) {
      EntryBody body = Submit.of(signals.get(i), List.of(Label.parse("behavior:recruitment")));
      SignedEntry e = signer.sign(s.next(T0.plusSeconds(3600L * i), body));
      out.add(e);
      s = s.advance(e);
    }
    return out;
  }

  private static ObjectNode feed() {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("description", "A valid three-entry feed of member acme: each entry's prev is the previous entry_id.");
    o.put("member", MEMBER.value());
    ArrayNode arr = o.putArray("entries");
    feedEntries().forEach(e -> arr.add(vector(e)));
    return o;
  }

  /** Two different entries with seq 2 after the feed's seq 1. */
  static EquivocationEvidence equivocationEvidence() {
    EntrySigner signer = EntrySigner.create(MEMBER, key());
    FeedState after1 = FeedState.empty(MEMBER).advance(feedEntries().get(0));
    SignedEntry a = signer.sign(after1.next(T0.plusSeconds(3600), Submit.of(
        Signal.parse("md5", "d41d8cd98f00b204e9800998ecf8427e"), List.of(Label.parse("behavior:recruitment")))));
    SignedEntry b = signer.sign(after1.next(T0.plusSeconds(3600), Submit.of(
        Signal.parse("md5", "0cc175b9c0f1b6a831c399e269772661"), List.of(Label.parse("behavior:recruitment")))));
    return EquivocationEvidence.of(a, b);
  }

  private static ObjectNode equivocation() {
    EquivocationEvidence ev = equivocationEvidence();
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("description", "Member acme signed two different entries with seq 2 (both with prev = feed.json seq 1). "
        + "evidence_json is the evidence document; first has the lower entry id.");
    o.put("first_entry_id", ev.first().id().hex());
    o.put("second_entry_id", ev.second().id().hex());
    o.put("evidence_json", new String(ev.toJson(), StandardCharsets.UTF_8));
    return o;
  }

  /**
   * A small vpdq signal: three made-up frames at 29.97 frames per second, the last one flat
   * (quality 0), and content-area hashes for a 640x360 area at 0,60.
   */
  static VideoHashes videoHashes() {
    List<VpdqFrame> frames = List.of(
        VpdqFrame.of(0, 0, PdqHash.fromHex("dadb999c25262d6fdb6bb5692daa26d2b6b6d9a5a4d2d9692d92d36d2c9a34bb"), 100),
        VpdqFrame.of(30, 1001, PdqHash.fromHex("9adb999c25262d6fdb6bb5692daa26d2b6b6d9a5a4d2d9692d92d36d2c9a34b3"), 98),
        VpdqFrame.of(60, 2002, PdqHash.fromHex("0000000000000000000000000000000000000000000000000000000000000000"), 0));
    List<PdqResult> content = List.of(
        PdqResult.of(PdqHash.fromHex("5a5b191c25262d6fdb6bb5692daa26d2b6b6d9a5a4d2d9692d92d36d2c9a34bb"), 97),
        PdqResult.of(PdqHash.fromHex("1a5b191c25262d6fdb6bb5692daa26d2b6b6d9a5a4d2d9692d92d36d2c9a34b3"), 95),
        PdqResult.of(PdqHash.fromHex("0000000000000000000000000000000000000000000000000000000000000000"), 0));
    return VideoHashes.of(frames, Optional.of(VpdqContent.of(0, 60, 640, 360, content)));
  }

  /** {@link #videoHashes()} with centre hashes: made-up values, the third frame flat again. */
  static VideoHashes videoHashesWithCentre() {
    VideoHashes v = videoHashes();
    List<PdqResult> narrow = List.of(
        PdqResult.of(PdqHash.fromHex("c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4"), 88),
        PdqResult.of(PdqHash.fromHex("c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b5"), 87),
        PdqResult.of(PdqHash.fromHex("0000000000000000000000000000000000000000000000000000000000000000"), 0));
    List<PdqResult> wide = List.of(
        PdqResult.of(PdqHash.fromHex("1f2e3d4c5b6a79880f1e2d3c4b5a69781f2e3d4c5b6a79880f1e2d3c4b5a6978"), 93),
        PdqResult.of(PdqHash.fromHex("1f2e3d4c5b6a79880f1e2d3c4b5a69781f2e3d4c5b6a79880f1e2d3c4b5a6979"), 91),
        PdqResult.of(PdqHash.fromHex("0000000000000000000000000000000000000000000000000000000000000000"), 0));
    return VideoHashes.of(v.frames(), v.content(), Optional.of(VpdqCentre.of(narrow, wide)));
  }

  private static ObjectNode vpdq(VideoHashes v, String description) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("description", description);
    ArrayNode frames = o.putArray("frames");
    for (VpdqFrame f : v.frames()) {
      frames.addObject().put("frame", f.frameNumber()).put("timestamp_ms", f.timestampMillis())
          .put("quality", f.quality()).put("hash", f.hash().toHex());
    }
    VpdqContent c = v.content().orElseThrow();
    ObjectNode content = o.putObject("content");
    content.put("x", c.x()).put("y", c.y()).put("width", c.width()).put("height", c.height());
    ArrayNode cf = content.putArray("frames");
    for (PdqResult r : c.frames()) {
      cf.addObject().put("quality", r.quality()).put("hash", r.hash().toHex());
    }
    v.centre().ifPresent(centre -> {
      ObjectNode co = o.putObject("centre");
      for (Map.Entry<String, List<PdqResult>> set : Map.of("centre_60", centre.narrow(), "centre_80", centre.wide())
          .entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
        ArrayNode a = co.putArray(set.getKey());
        for (PdqResult r : set.getValue()) {
          a.addObject().put("quality", r.quality()).put("hash", r.hash().toHex());
        }
      }
    });
    o.put("hashes_hex", HEX.formatHex(v.encoded()));
    o.put("hashes_base64", v.base64());
    o.put("value", v.digest());
    EntrySigner signer = EntrySigner.create(MEMBER, key());
    SignedEntry submit = signer.sign(FeedState.empty(MEMBER).next(T0, Submit.of(Signal.vpdq(v),
        List.of(Label.parse("content:attack-livestream")))));
    o.set("entry", vector(submit));
    return o;
  }

  private static byte[] pretty(JsonNode node) {
    try {
      String text = Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
      return (text + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes every vector file under {@code args[0]/vectors}. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "spec").resolve("vectors");
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> f : generate().entrySet()) {
      Files.write(dir.resolve(f.getKey()), f.getValue());
    }
  }
}
