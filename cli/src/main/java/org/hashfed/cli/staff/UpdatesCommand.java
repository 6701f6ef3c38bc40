package org.hashfed.cli.staff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hashfed updates}: prints the node's events feed, and with {@code --follow} waits for new ones. */
@Command(
    name = "updates",
    mixinStandardHelpOptions = true,
    description = {
      "Print what changed on your node, oldest first: signals added, removed, relabelled, or whose trust or "
          + "confidence changed, as your node judges them. With --follow, keep waiting for new events and print "
          + "each as it commits. The cursor to continue from is printed on standard error at the end (text) or is "
          + "each event's \"cursor\" (--json, one event per line)."
    },
    footer = {
      "",
      "Examples:",
      "  hashfed updates",
      "  hashfed updates --follow --json --types signal.added,signal.removed",
      "  hashfed updates --after oYl1wJWqq3IAAAAAAAAAKg --labels 'behavior:*' --count 1",
      "",
      "Exit status: 0 ok, 2 usage error (also a cursor or filter the node refuses), 3 node unreachable or failed "
          + "(410 cursor-expired: the events after the cursor were pruned; sync again from GET /v1/signals/export)."
    })
public final class UpdatesCommand extends StaffCommand {

  static final int WAIT_SECONDS = 20;

  @Option(names = "--after", paramLabel = "CURSOR", description = "Start after this cursor (default: the oldest kept event).")
  String after;

  @Option(names = "--follow", description = "Keep waiting for new events (long-poll) until interrupted or --count.")
  boolean follow;

  @Option(names = "--types", paramLabel = "TYPES", description = "Comma-separated event types, e.g. signal.added,signal.removed.")
  String types;

  @Option(names = "--signal-types", paramLabel = "TYPES", description = "Comma-separated signal types, e.g. pdq,vpdq.")
  String signalTypes;

  @Option(names = "--labels", paramLabel = "LABELS", description = "Comma-separated labels or namespace:* patterns.")
  String labels;

  @Option(names = "--min-trust", paramLabel = "LEVEL", description = "trusted, standard or observe.")
  String minTrust;

  @Option(names = "--min-confidence", paramLabel = "X", description = "A number from 0 to 1.")
  String minConfidence;

  @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
  Integer count;

  @Override
  protected int execute() throws CommandError {
    if (count != null && count < 1) {
      throw CommandError.of(ExitCodes.USAGE, "--count " + count + " must be at least 1");
    }
    NodeClient client = client();
    PrintWriter out = out();
    String cursor = after;
    int printed = 0;
    while (true) {
      int limit = count == null ? 1000 : Math.min(1000, count - printed);
      JsonNode page = client.get(path(cursor, limit, follow ? WAIT_SECONDS : 0));
      for (JsonNode e : page.path("events")) {
        out.println(json ? compact(e) : line(e));
        printed++;
      }
      out.flush();
      cursor = page.path("next").asText();
      boolean done = count != null && printed >= count;
      if (done || (!follow && page.path("events").isEmpty())) {
        break;
      }
    }
    if (!json) {
      err().println("next cursor: " + cursor);
    }
    return ExitCodes.OK;
  }

  private String path(String cursor, int limit, int wait) {
    List<String> q = new ArrayList<>();
    q.add("limit=" + limit);
    if (wait > 0) {
      q.add("wait=" + wait);
    }
    add(q, "after", cursor);
    add(q, "types", types);
    add(q, "signal_types", signalTypes);
    add(q, "labels", labels);
    add(q, "min_trust", minTrust);
    add(q, "min_confidence", minConfidence);
    return "/v1/updates?" + String.join("&", q);
  }

  private static void add(List<String> q, String name, String value) {
    if (value != null) {
      q.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  private static String compact(JsonNode e) {
    try {
      return JSON.writeValueAsString(e);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot encode a JSON tree", ex);
    }
  }

  /** {@code time type member type:value labels trust confidence}, and the watched content of a retro match. */
  static String line(JsonNode e) {
    JsonNode d = e.path("data");
    List<String> labels = new ArrayList<>();
    d.path("labels").forEach(l -> labels.add(l.asText()));
    String extra = d.path("reason").isTextual() ? " (" + d.path("reason").asText() + ")" : "";
    if (d.path("content_id").isTextual()) {
      extra = " (watched " + d.path("content_id").asText() + ", distance " + d.path("distance").asInt() + ")";
    }
    return String.format("%s  %-26s %-12s %s:%s  [%s]  %s %.2f%s", e.path("time").asText(), e.path("type").asText(),
        d.path("member").asText(), d.path("signal").path("type").asText(), d.path("signal").path("value").asText(),
        String.join(",", labels), d.path("trust").asText(), d.path("confidence").asDouble(), extra);
  }
}
