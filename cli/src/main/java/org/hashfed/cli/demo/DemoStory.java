package org.hashfed.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hashfed.cli.audit.AuditCommand;
import org.hashfed.node.Node;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.node.log.NodeLog;
import org.hashfed.node.log.ProvenanceLog;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.crypto.SecretFiles;
import org.hashfed.protocol.pdq.PdqHash;
import picocli.CommandLine;

/**
 * The demo's story on a running local consortium: a submission travels from acme to beta and
 * gamma, gamma matches a modified copy, then a letterboxed copy of a shared video, gamma's
 * platform learns by webhook of an earlier upload that a new hash matches, beta disputes the image,
 * an auditor checks gamma's log.
 */
final class DemoStory {

  static final String SUBMITTER = "acme";
  static final String DISPUTER = "beta";
  static final String MATCHER = "gamma";
  static final List<String> MEMBERS = List.of(SUBMITTER, DISPUTER, MATCHER);
  static final String LABEL = "behavior:glorification";
  private static final Duration PROPAGATION_TIMEOUT = Duration.ofSeconds(20);
  private static final int MAX_DISTANCE = 31;

  private final LocalConsortium consortium;
  private final Path dir;
  private final StoryPrinter printer;
  private final Map<String, DemoApi> apis = new LinkedHashMap<>();
  private final Map<String, DemoApi> admins = new LinkedHashMap<>();
  private DemoImage original;
  private DemoImage copy;
  private String pdqEntry;
  private String opinionEntry;
  private long pdqAcknowledged;
  private double confidenceBefore;

  DemoStory(LocalConsortium consortium, Path dir, StoryPrinter printer) {
    this.consortium = consortium;
    this.dir = dir;
    this.printer = printer;
  }

  /** Runs every step; returns whether each succeeded. */
  boolean run() {
    printer.step("Start three member nodes (" + String.join(", ", MEMBERS) + ") with a roster signed by all three",
        this::start);
    printer.step(SUBMITTER + " submits the hashes of the example image, labelled " + LABEL, this::submit);
    printer.step("The submission reaches " + DISPUTER + " and " + MATCHER, this::propagate);
    printer.step(MATCHER + " matches a resized, re-encoded copy of the image", this::matchCopy);
    VideoChapter video = new VideoChapter(apis, dir);
    printer.step(SUBMITTER + " shares the vPDQ hashes of a video", video::share);
    printer.step(MATCHER + " matches a letterboxed, re-encoded copy of the video", video::matchCopy);
    try (RetroHuntChapter retro = new RetroHuntChapter(apis, admins.get(MATCHER), dir)) {
      printer.step(MATCHER + "'s platform finds an upload it accepted before the hash was shared (retro-hunt)",
          retro::run);
    }
    printer.step(DISPUTER + " disputes the submission (disagree, false_positive)", this::dispute);
    printer.step("An auditor verifies " + MATCHER + "'s provenance log and the hash's provenance", this::audit);
    return printer.allOk();
  }

  /** The client of a member's node, with its analyst (submit-role) key, once the nodes run. */
  Map<String, DemoApi> apis() {
    return apis;
  }

  String pdqEntry() {
    return pdqEntry;
  }

  DemoImage original() {
    return original;
  }

  private void start(List<String> d) throws Exception {
    consortium.startAll();
    for (String m : MEMBERS) {
      Node n = consortium.node(m);
      URI base = URI.create("http://127.0.0.1:" + n.port());
      String admin = Files.readString(n.config().adminKeyFile(), StandardCharsets.UTF_8).strip();
      admins.put(m, new DemoApi(m, base, admin));
      String analyst = admins.get(m).createKey("submit", "hashfed demo analyst");
      SecretFiles.create(analystKeyFile(m), (analyst + "\n").getBytes(StandardCharsets.UTF_8));
      apis.put(m, new DemoApi(m, base, analyst));
      d.add(String.format(Locale.ROOT, "%-6s API %s   peer port %d (mutual TLS, certificate pinned by the roster)",
          m, base, n.config().peerPort()));
    }
    d.add("roster  version 1, signed by " + String.join(", ", MEMBERS) + "; each node accepts entries and peer"
        + " connections only from its members");
  }

  Path analystKeyFile(String member) {
    return consortium.config(member).dataDir().resolve("analyst.key");
  }

  private void submit(List<String> d) throws Exception {
    original = DemoImage.example();
    Files.write(dir.resolve("bridge.jpg"), original.bytes());
    DemoApi acme = apis.get(SUBMITTER);
    String note = "hashfed demo: example image";
    String md5 = acme.submit("md5", original.digests().md5Hex(), null, LABEL, note).path("entry_id").asText();
    String sha = acme.submit("sha256", original.digests().sha256Hex(), null, LABEL, note).path("entry_id").asText();
    pdqEntry = acme.submit("pdq", original.pdq().hash().toHex(), original.pdq().quality(), LABEL, note)
        .path("entry_id").asText();
    pdqAcknowledged = System.nanoTime();
    d.add("image   " + dir.resolve("bridge.jpg") + " (" + original.width() + "x" + original.height() + ", "
        + original.bytes().length / 1024 + " KiB)");
    d.add("pdq     " + original.pdq().hash().toHex() + " (quality " + original.pdq().quality() + ")  entry "
        + shortId(pdqEntry));
    d.add("md5     " + original.digests().md5Hex() + "  entry " + shortId(md5));
    d.add("sha256  " + original.digests().sha256Hex() + "  entry " + shortId(sha));
  }

  private void propagate(List<String> d) throws Exception {
    long start = pdqAcknowledged;
    String pdq = original.pdq().hash().toHex();
    List<String> waiting = new ArrayList<>(List.of(DISPUTER, MATCHER));
    while (!waiting.isEmpty()) {
      for (String m : List.copyOf(waiting)) {
        if (!apis.get(m).matchOf(pdqEntry, "pdq", pdq, 0).isMissingNode()) {
          waiting.remove(m);
          d.add(String.format(Locale.ROOT, "%-6s matchable %d ms after acme's node acknowledged the submission", m,
              (System.nanoTime() - start) / 1_000_000));
        }
      }
      if (System.nanoTime() - start > PROPAGATION_TIMEOUT.toNanos()) {
        throw new DemoException("not matchable on " + waiting + " after " + PROPAGATION_TIMEOUT.toSeconds() + " s");
      }
      Thread.sleep(10);
    }
  }

  private void matchCopy(List<String> d) throws Exception {
    copy = original.resizedAndReencoded(0.6, 0.7f);
    Path file = dir.resolve("bridge-resized.jpg");
    Files.write(file, copy.bytes());
    DemoApi gamma = apis.get(MATCHER);
    d.add("copy    " + file + " (" + copy.width() + "x" + copy.height() + ", JPEG quality 70, "
        + copy.bytes().length / 1024 + " KiB)");
    boolean exact = gamma.match("md5", copy.digests().md5Hex(), 0).size() > 0
        || gamma.match("sha256", copy.digests().sha256Hex(), 0).size() > 0;
    if (exact) {
      throw new DemoException("the copy's md5 or sha256 matched: the copy is not a different file");
    }
    d.add("md5 and sha256 of the copy: no match (different bytes)");
    PdqHash copyPdq = copy.pdq().hash();
    int distance = copyPdq.distance(original.pdq().hash());
    JsonNode m = gamma.matchOf(pdqEntry, "pdq", copyPdq.toHex(), MAX_DISTANCE);
    if (m.isMissingNode()) {
      throw new DemoException("the copy's pdq " + copyPdq.toHex() + " (distance " + distance
          + " from the original) did not match acme's entry on " + MATCHER);
    }
    confidenceBefore = m.path("confidence").asDouble();
    d.add(String.format(Locale.ROOT, "pdq     %s  distance %d of 256 (threshold %d)", copyPdq.toHex(),
        m.path("distance").asInt(), MAX_DISTANCE));
    d.add(String.format(Locale.ROOT, "match   %s's entry %s  labels %s  trust %s  confidence %.2f",
        m.path("member").asText(), shortId(pdqEntry), m.path("labels"), m.path("trust").asText(), confidenceBefore));
  }

  private void dispute(List<String> d) throws Exception {
    long start = System.nanoTime();
    String opinion = apis.get(DISPUTER).opinion(pdqEntry, "disagree", "false_positive",
        "hashfed demo: not perpetrator content").path("entry_id").asText();
    opinionEntry = opinion;
    d.add("opinion entry " + shortId(opinion) + " signed by " + DISPUTER);
    String copyPdq = copy.pdq().hash().toHex();
    JsonNode m;
    do {
      m = apis.get(MATCHER).matchOf(pdqEntry, "pdq", copyPdq, MAX_DISTANCE);
      if (System.nanoTime() - start > PROPAGATION_TIMEOUT.toNanos()) {
        throw new DemoException("the dispute did not reach " + MATCHER + " within " + PROPAGATION_TIMEOUT.toSeconds()
            + " s");
      }
      Thread.sleep(10);
    } while (m.path("disputes").asInt() < 1);
    double after = m.path("confidence").asDouble();
    d.add(String.format(Locale.ROOT, "reached %s after %d ms", MATCHER, (System.nanoTime() - start) / 1_000_000));
    d.add(String.format(Locale.ROOT, "%s's confidence in the match: %.2f -> %.2f (%d dispute, %d agreement)", MATCHER,
        confidenceBefore, after, m.path("disputes").asInt(), m.path("agreements").asInt()));
    if (!(after < confidenceBefore)) {
      throw new DemoException("the confidence did not drop after the dispute");
    }
  }

  private void audit(List<String> d) throws Exception {
    Node gamma = consortium.node(MATCHER);
    NodeLog nodeLog = gamma.log().orElseThrow();
    ProvenanceLog log = nodeLog.provenance();
    // the match shows the dispute once the ledger has it, which is before the log counts its leaf:
    // wait for the leaf, so that the checkpoint and the audit below include the opinion
    EntryId opinion = EntryId.parse(opinionEntry);
    long start = System.nanoTime();
    while (log.indexOf(opinion).map(i -> log.size() <= i).orElse(true)) {
      if (System.nanoTime() - start > PROPAGATION_TIMEOUT.toNanos()) {
        throw new DemoException("the dispute did not reach " + MATCHER + "'s log within "
            + PROPAGATION_TIMEOUT.toSeconds() + " s");
      }
      Thread.sleep(10);
    }
    long size = nodeLog.checkpoints().signLatest().checkpoint().size();
    d.add(MATCHER + " signs a checkpoint of its log (size " + size + ")");
    String url = apis.get(MATCHER).base().toString();
    String key = gamma.config().adminKeyFile().toString();
    runAudit(d, "verify", "--node", url, "--audit-key-file", key);
    runAudit(d, "provenance", "--node", url, "--audit-key-file", key, "pdq", original.pdq().hash().toHex());
  }

  /** Runs {@code hashfed audit <args>}: the audit command group alone, since the demo is one of the commands. */
  private static void runAudit(List<String> d, String... args) throws DemoException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new AuditCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int status = cmd.execute(args);
    String what = args[0];
    d.add("hashfed audit " + what + ":");
    for (String line : out.toString().split("\\R")) {
      if (!line.isBlank()) {
        d.add("  " + line);
      }
    }
    if (status != 0) {
      throw new DemoException("audit " + what + " exited with " + status + ": " + err.toString().strip());
    }
  }

  static String shortId(String entryId) {
    return entryId.length() > 12 ? entryId.substring(0, 12) + "..." : entryId;
  }
}
