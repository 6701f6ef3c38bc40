package org.hashfed.cli.exchange;

import org.hashfed.cli.staff.StaffCommand;
import org.hashfed.cli.staff.CsvLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqSignalFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hashfed export}: what this node matches, in the formats of python-threatexchange and HMA. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Export every signal this node matches under its trust policy (GET /v1/signals/export) as "
          + "python-threatexchange local_file lines (pytx: what HMA's local_file exchange loads), the CSV of "
          + "'threatexchange dataset --csv' (csv), or HMA bank content, one JSON object a line (hma). hashfed import "
          + "file reads all three back."
    },
    footer = {
      "",
      "Examples:",
      "  hashfed export --format pytx --out /srv/hma/hashfed-signals.txt",
      "  hashfed export --format csv > signals.csv",
      "  hashfed export --format hma --out banks.jsonl --json",
      "",
      "Types: pdq, video_md5 (hashfed md5), video_sha256 (sha256), vpdq (its frames, fetched per entry).",
      "Exit status: 0 exported, 2 usage error, 3 the node failed (with --out, the file is left unchanged)."
    })
public final class ExportCommand extends StaffCommand {

  /** Signals asked for per page (the node's maximum). */
  private static final int PAGE = 1000;
  /** Pages read before the export gives up: a node answering pages forever is broken. */
  private static final int MAX_PAGES = 100_000;

  @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "pytx, csv or hma.")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (replaced atomically when complete) "
      + "instead of standard output.")
  Path outFile;

  @Override
  protected int execute() throws CommandError {
    String f = format.toLowerCase(Locale.ROOT);
    if (!f.matches("pytx|csv|hma")) {
      throw CommandError.of(ExitCodes.USAGE, "unknown --format \"" + format + "\": expected pytx, csv or hma");
    }
    if (json && outFile == null) {
      throw CommandError.of(ExitCodes.USAGE, "--json prints a summary on standard output, where the export goes "
          + "without --out: give --out FILE");
    }
    NodeClient client = client();
    Map<String, Integer> counts = new TreeMap<>();
    int written;
    if (outFile == null) {
      written = export(client, f, out(), counts);
    } else {
      Path tmp = outFile.toAbsolutePath().resolveSibling(outFile.getFileName() + ".tmp");
      try {
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          written = export(client, f, w, counts);
        }
        Files.move(tmp, outFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw CommandError.of(ExitCodes.USAGE, "cannot replace " + outFile + " atomically: " + e.getMessage());
      } catch (IOException e) {
        throw CommandError.of(ExitCodes.USAGE, "cannot write " + outFile + ": " + e.getMessage());
      } finally {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          err().println("hashfed export: cannot remove " + tmp + ": " + e.getMessage());
        }
      }
    }
    if (json) {
      ObjectNode doc = JSON.createObjectNode().put("format", f).put("signals", written).put("out", outFile.toString());
      ObjectNode byType = doc.putObject("by_type");
      counts.forEach(byType::put);
      printJson(doc);
    }
    err().println("exported " + written + " signal(s) " + counts + (outFile == null ? "" : " to " + outFile));
    return ExitCodes.OK;
  }

  private int export(NodeClient client, String f, Appendable w, Map<String, Integer> counts) throws CommandError {
    Set<String> seen = new HashSet<>();
    int written = 0;
    String after = null;
    try {
      if (f.equals("csv")) {
        w.append("signal_type,signal_str,collab,category,tags\r\n");
      }
      for (int page = 0; page < MAX_PAGES; page++) {
        JsonNode doc = client.get("/v1/signals/export?limit=" + PAGE
            + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
        for (JsonNode s : doc.path("signals")) {
          String type = s.path("signal").path("type").asText();
          String value = s.path("signal").path("value").asText();
          if (f.equals("pytx") && !seen.add(type + ":" + value)) {
            continue;
          }
          String pytxType = PytxTypes.name(PytxTypes.parse(type).orElseThrow(() -> CommandError.of(ExitCodes.SERVER,
              "the node exported a signal of unknown type \"" + type + "\"")));
          String signal = type.equals("vpdq") ? vpdqFrames(client, s.path("entry_id").asText()) : value;
          w.append(line(f, pytxType, signal, s));
          counts.merge(pytxType, 1, Integer::sum);
          written++;
        }
        JsonNode next = doc.get("next");
        if (next == null || next.isNull()) {
          return written;
        }
        if (next.asText().equals(after)) {
          throw CommandError.of(ExitCodes.SERVER, "the node answered the same export page token twice: stopped");
        }
        after = next.asText();
      }
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.USAGE, "cannot write the export: " + e.getMessage());
    }
    throw CommandError.of(ExitCodes.SERVER, "the node's export did not end after " + MAX_PAGES + " pages: stopped");
  }

  private static String line(String f, String pytxType, String signal, JsonNode s) {
    String member = s.path("member").asText();
    StringBuilder labels = new StringBuilder();
    for (JsonNode l : s.path("labels")) {
      labels.append(labels.length() == 0 ? "" : " ").append(l.asText());
    }
    switch (f) {
      case "pytx":
        return pytxType + " " + signal + "\n";
      case "csv":
        return String.join(",", CsvLine.field(pytxType), CsvLine.field(signal), CsvLine.field("hashfed:" + member),
            "POSITIVE_CLASS", CsvLine.field(labels.toString())) + "\r\n";
      default:
        String entryId = s.path("entry_id").asText();
        ObjectNode o = JSON.createObjectNode().put("id", HmaBanks.contentId(entryId)).put("disable_until_ts", 1);
        o.putObject("bank").put("name", HmaBanks.bankName(member)).put("matching_enabled_ratio", 1.0);
        o.putObject("signals").put(pytxType, signal);
        ObjectNode meta = o.putObject("metadata").put("content_id", entryId).putObject("json");
        meta.put("entry_id", entryId);
        meta.set("labels", s.path("labels"));
        meta.put("submitted_at", s.path("submitted_at").asText());
        if (s.hasNonNull("incident")) {
          meta.put("incident", s.get("incident").asText());
        }
        return o + "\n";
    }
  }

  /** A vpdq signal's pytx string: the export carries only its digest, the entry its frames. */
  private static String vpdqFrames(NodeClient client, String entryId) throws CommandError {
    if (!entryId.matches("[0-9a-f]{64}")) {
      throw CommandError.of(ExitCodes.SERVER, "the node exported a vpdq signal with the entry id \"" + entryId + "\"");
    }
    JsonNode hashes = client.get("/v1/entries/" + entryId).path("entry").path("signal").path("hashes");
    try {
      return VpdqSignalFormat.write(VideoHashes.fromBase64(hashes.asText()).frames());
    } catch (IllegalArgumentException e) {
      throw CommandError.of(ExitCodes.SERVER, "entry " + entryId + " holds no readable vpdq hashes: " + e.getMessage());
    }
  }
}
