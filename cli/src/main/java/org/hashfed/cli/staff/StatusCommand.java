package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import picocli.CommandLine.Command;

/** {@code hashfed status}: the node's health, index size, feeds, sync lag and last checkpoint. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show your node's status: member, version, readiness, uptime, how many hashes it can match by type, "
          + "how many entries it holds of each member, and, on nodes that have them, peer sync and the last "
          + "checkpoint of its provenance log (\"not available on this node\" otherwise)."
    },
    footer = {
      "",
      "Examples:",
      "  hashfed status",
      "  hashfed status --profile staging --json",
      "",
      "Exit status: 0 node ready, 2 usage error, 3 node unreachable, failed or not ready yet."
    })
public final class StatusCommand extends StaffCommand {

  @Override
  protected int execute() throws CommandError {
    NodeClient client = client();
    JsonNode s = client.get("/v1/status");
    boolean ready = s.path("ready").asBoolean(false);
    if (json) {
      printJson(s);
    } else {
      PrintWriter out = out();
      row(out, "node", client.connection().base() + " (" + client.connection().source() + ")");
      row(out, "member", s.path("member").asText());
      row(out, "version", s.path("version").asText());
      row(out, "ready", ready ? "yes" : "no, still rebuilding its indexes");
      row(out, "uptime", uptime(s.path("uptime_seconds").asLong()) + " (since " + s.path("started_at").asText() + ")");
      if (s.path("caller_role").isTextual()) {
        row(out, "your key", s.path("caller_role").asText() + " role");
      }
      JsonNode index = s.path("index");
      if (index.isObject()) {
        row(out, "index", index.path("total").asText() + " signals (pdq " + index.path("pdq").asText("0") + ", md5 "
            + index.path("md5").asText("0") + ", sha256 " + index.path("sha256").asText("0") + ")");
      }
      JsonNode entries = s.path("entries_by_member");
      if (entries.isObject()) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          parts.add(e.getKey() + " " + e.getValue().asText());
        }
        row(out, "entries", parts.isEmpty() ? "none yet" : String.join(", ", parts));
      }
      section(out, s, "sync", "sync");
      section(out, s, "log", "log");
    }
    if (!ready) {
      throw CommandError.of(ExitCodes.SERVER, "the node is not ready yet (rebuilding its indexes): retry in a few seconds");
    }
    return ExitCodes.OK;
  }

  private static void section(PrintWriter out, JsonNode s, String field, String name) {
    JsonNode v = s.path(field);
    row(out, name, v.isObject() && !v.isEmpty() ? Flat.describe(v) : "not available on this node");
  }

  static String uptime(long seconds) {
    long d = seconds / 86400;
    long h = seconds % 86400 / 3600;
    long m = seconds % 3600 / 60;
    if (d > 0) {
      return d + "d " + h + "h";
    }
    if (h > 0) {
      return h + "h " + m + "m";
    }
    return m > 0 ? m + "m " + seconds % 60 + "s" : seconds + "s";
  }

  private static void row(PrintWriter out, String name, String value) {
    out.println(String.format("%-10s%s", name, value));
  }
}
