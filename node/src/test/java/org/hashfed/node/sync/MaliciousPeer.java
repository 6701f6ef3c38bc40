package org.hashfed.node.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;

/**
 * A listed member's node played by WireMock: HTTPS on the port its roster record names, with the
 * member's own pinned certificate, asking like a real peer for a client certificate the roster
 * pins. It claims every feed far ahead, evidence and a newer roster, and answers each fetch with
 * a misbehaviour: the honest nodes' unchanged peer clients must survive all of them.
 */
final class MaliciousPeer implements AutoCloseable {

  /** Answers to fetches of other members' feeds, served in turn (a WireMock scenario), by stub name. */
  static final List<String> FEED_MISBEHAVIOURS = List.of("feed: garbage JSON", "feed: bad signature",
      "feed: promised but empty", "feed: Content-Length over the limit", "feed: endless chunked body",
      "feed: slower than the timeout", "feed: dribbled past the timeout");
  /** Every stub a run must have served at least once, so that no misbehaviour goes untested. */
  static final List<String> MISBEHAVIOURS = Stream.concat(Stream.of("heads claiming everything",
      "own feed: endless gaps", "evidence: does not verify", "roster: garbage"), FEED_MISBEHAVIOURS.stream()).toList();
  /** First seq of the entries far ahead of the member's feed. */
  static final long FAR_AHEAD = 10_000;

  private static final char[] STORE_PASSWORD = "malicious".toCharArray();

  private final WireMockServer server;
  private final List<SignedEntry> gaps;

  private MaliciousPeer(WireMockServer server, List<SignedEntry> gaps) {
    this.server = server;
    this.gaps = gaps;
  }

  /**
   * Starts {@code member}'s node (which must not be running) with the certificate and member key
   * {@code c} made for it, trusting the certificates of {@code honest}; files go to {@code dir}.
   * Its own feed serves, in slices of {@code slice}, {@code 4 * slice} validly signed entries from
   * seq {@link #FAR_AHEAD} on whose predecessors never come.
   */
  static MaliciousPeer start(LocalConsortium c, String member, List<String> honest, int slice, Path dir)
      throws IOException, GeneralSecurityException {
    NodeConfig config = c.config(member);
    EntrySigner signer = EntrySigner.create(MemberId.parse(member), c.memberKey(member));
    List<SignedEntry> gaps = new ArrayList<>();
    for (int i = 0; i < 4 * slice; i++) {
      gaps.add(entry(signer, member, FAR_AHEAD + i, Optional.of(nowhere())));
    }
    WireMockServer server = new WireMockServer(options(config, member, honest, c, dir));
    server.start();
    MaliciousPeer peer = new MaliciousPeer(server, gaps);
    try {
      peer.stub(signer, member, honest, config.sync().maxBodyBytes(), (int) config.sync().timeout().toMillis(), slice);
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return peer;
  }

  private static WireMockConfiguration options(NodeConfig config, String member, List<String> honest,
      LocalConsortium c, Path dir) throws IOException, GeneralSecurityException {
    TlsIdentity tls = TlsIdentity.loadOrCreate(config.dataDir(), member);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(member, pemPrivateKey(config.dataDir().resolve("tls.key")), STORE_PASSWORD,
        new X509Certificate[] {tls.certificate()});
    Path keystore = store(keys, dir.resolve(member + "-tls.p12"));
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    for (String m : honest) {
      trusted.setCertificateEntry(m, TlsIdentity.loadOrCreate(c.config(m).dataDir(), m).certificate());
    }
    Path truststore = store(trusted, dir.resolve("honest-peers.p12"));
    // Twice the client's limit: WireMock streams body files chunked, without a Content-Length.
    Files.createDirectories(dir.resolve("__files"));
    Files.write(dir.resolve("__files/endless.json"), hugeBody(2 * config.sync().maxBodyBytes()));
    String password = new String(STORE_PASSWORD);
    return WireMockConfiguration.options()
        .bindAddress("127.0.0.1")
        .httpDisabled(true)
        .httpsPort(config.peerPort())
        .http2TlsDisabled(true)
        .keystorePath(keystore.toString()).keystoreType("PKCS12").keystorePassword(password)
        .keyManagerPassword(password)
        .needClientAuth(true)
        .trustStorePath(truststore.toString()).trustStoreType("PKCS12").trustStorePassword(password)
        .usingFilesUnderDirectory(dir.toString())
        .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.BODY_FILE)
        // Delayed answers wait on WireMock's scheduler rather than hold a Jetty thread each.
        .asynchronousResponseEnabled(true)
        .asynchronousResponseThreads(4)
        .containerThreads(24)
        .maxRequestJournalEntries(100_000)
        .jettyStopTimeout(1000L);
  }

  private void stub(EntrySigner signer, String member, List<String> honest, long maxBodyBytes, int timeoutMs,
      int slice) {
    String others = "/peer/v1/feeds/(" + String.join("|", honest) + ")";
    String heads = honest.stream().map(m -> "\"" + m + "\":999999").collect(Collectors.joining(","));
    server.stubFor(post(urlEqualTo("/peer/v1/heads")).withName("heads claiming everything")
        .willReturn(okJson("{\"heads\":{\"" + member + "\":1000000," + heads + "},\"ids\":{},\"evidence\":[\""
            + member + "/999\"],\"roster\":99}")));
    List<ResponseDefinitionBuilder> answers = List.of(
        okJson("{not json"),
        okJson(feed(member, badlySigned(entry(signer, member, 1, Optional.empty())))),
        okJson(feed(member)),
        ok().withHeader("Content-Type", "application/json").withBody(hugeBody(maxBodyBytes + 1024)),
        ok().withHeader("Content-Type", "application/json").withBodyFile("endless.json"),
        okJson(feed(member)).withFixedDelay(timeoutMs + 3000),
        // A chunk every half timeout, so never idle for long enough to trip an idle timeout.
        okJson(feed(member)).withChunkedDribbleDelay(20, 10 * timeoutMs));
    for (int i = 0; i < answers.size(); i++) {
      server.stubFor(WireMock.get(urlPathMatching(others)).withName(FEED_MISBEHAVIOURS.get(i))
          .inScenario("other feeds").whenScenarioStateIs(state("other feeds", i))
          .willSetStateTo(state("other feeds", (i + 1) % answers.size()))
          .willReturn(answers.get(i)));
    }
    int slices = gaps.size() / slice;
    for (int i = 0; i < slices; i++) {
      server.stubFor(WireMock.get(urlPathEqualTo("/peer/v1/feeds/" + member)).withName("own feed: endless gaps")
          .inScenario("own feed").whenScenarioStateIs(state("own feed", i))
          .willSetStateTo(state("own feed", (i + 1) % slices))
          .willReturn(okJson(feed(member, gaps.subList(i * slice, (i + 1) * slice).stream()
              .map(e -> new String(e.envelope().toJson(), StandardCharsets.UTF_8)).toArray(String[]::new)))));
    }
    // Not an equivocation, which would hold the member: the second signature is broken.
    server.stubFor(WireMock.get(urlPathMatching("/peer/v1/evidence/.*")).withName("evidence: does not verify")
        .willReturn(okJson("{\"member\":\"" + member + "\",\"seq\":999,\"first\":"
            + new String(entry(signer, member, 999, Optional.of(nowhere())).envelope().toJson(), StandardCharsets.UTF_8)
            + ",\"second\":" + badlySigned(entry(signer, member, 999, Optional.of(nowhere()))) + "}")));
    server.stubFor(WireMock.get(urlPathEqualTo("/peer/v1/roster")).withName("roster: garbage")
        .willReturn(okJson("{\"versions\":[{\"payloadType\":\"x\"}]}")));
    // Pushes vanish: acknowledged unread, so whatever the member was to relay must come by anti-entropy.
    server.stubFor(post(urlEqualTo("/peer/v1/entries")).withName("push: black hole").willReturn(okJson("{}")));
  }

  private static String state(String scenario, int i) {
    return i == 0 ? Scenario.STARTED : scenario + " " + i;
  }

  /** The validly signed entries far ahead of the member's feed that its own feed serves, nearest first. */
  List<SignedEntry> gaps() {
    return gaps;
  }

  /** The names of the stubs that answered at least one request. */
  Set<String> served() {
    return server.getAllServeEvents().stream().filter(ServeEvent::getWasMatched)
        .map(e -> e.getStubMapping().getName()).collect(Collectors.toSet());
  }

  /** WireMock itself, to verify the requests it received. */
  WireMockServer wireMock() {
    return server;
  }

  @Override
  public void close() {
    server.stop();
  }

  private static SignedEntry entry(EntrySigner signer, String member, long seq, Optional<EntryId> prev) {
    return signer.sign(Entry.create(MemberId.parse(member), seq, prev, EntryTime.truncate(Instant.now()),
        Federation.submission(Federation.randomMd5())));
  }

  /** The id of an entry nobody signed. */
  private static EntryId nowhere() {
    byte[] payload = new byte[32];
    new SecureRandom().nextBytes(payload);
    return EntryId.ofPayload(payload);
  }

  private static String feed(String member, String... envelopes) {
    return "{\"member\":\"" + member + "\",\"from\":1,\"entries\":[" + String.join(",", envelopes) + "]}";
  }

  /** The entry's envelope with one bit of its signature flipped. */
  private static String badlySigned(SignedEntry e) {
    JsonObject env = new JsonObject(new String(e.envelope().toJson(), StandardCharsets.UTF_8));
    JsonObject sig = env.getJsonArray("signatures").getJsonObject(0);
    byte[] bytes = Base64.getDecoder().decode(sig.getString("sig"));
    bytes[0] ^= 1;
    sig.put("sig", Base64.getEncoder().encodeToString(bytes));
    return env.encode();
  }

  /** The start of a feed response, then blanks: well-formed for as long as the client reads. */
  private static byte[] hugeBody(long size) {
    byte[] b = new byte[Math.toIntExact(size)];
    Arrays.fill(b, (byte) ' ');
    byte[] head = "{\"entries\":[".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, b, 0, head.length);
    return b;
  }

  private static PrivateKey pemPrivateKey(Path file) throws IOException, GeneralSecurityException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII)
        .replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
  }

  private static Path store(KeyStore ks, Path file) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, STORE_PASSWORD);
    }
    return file;
  }
}
