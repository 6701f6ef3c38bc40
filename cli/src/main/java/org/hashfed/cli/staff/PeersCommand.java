package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import picocli.CommandLine.Command;

/** {@code hashfed peers}: the nodes your node syncs with, as {@code GET /v1/admin/peers} reports them. */
@Command(
    name = "peers",
    mixinStandardHelpOptions = true,
    description = {
      "List the other members' nodes your node syncs with and how far behind each is, as the node "
          + "reports them (GET /v1/admin/peers; needs a key the node allows to see peers, usually admin)."
    },
    footer = {
      "",
      "Example:",
      "  hashfed peers --json",
      "",
      "Exit status: 0 listed, 1 the node has no peer information (no federation), 2 usage error,",
      "3 node unreachable or failed."
    })
public final class PeersCommand extends StaffCommand {

  @Override
  protected int execute() throws CommandError {
    JsonNode answer;
    try {
      answer = client().get("/v1/admin/peers");
    } catch (CommandError e) {
      if (e.httpStatus() == 404 && e.problemType().filter(NodeClient.NO_SUCH_ENDPOINT::equals).isPresent()) {
        throw CommandError.of(ExitCodes.NOT_FOUND, "peer information is not available on this node (it does not "
            + "serve GET /v1/admin/peers: it runs without federation, or is older than this CLI)");
      }
      throw e;
    }
    if (json) {
      printJson(answer);
      return ExitCodes.OK;
    }
    JsonNode peers = answer.isArray() ? answer : answer.path("peers");
    if (!peers.isArray() || peers.isEmpty()) {
      out().println("no peers");
      return ExitCodes.OK;
    }
    Set<String> columns = new LinkedHashSet<>();
    for (JsonNode p : peers) {
      for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
        columns.add(it.next());
      }
    }
    Table t = new Table(columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toArray(String[]::new));
    for (JsonNode p : peers) {
      List<String> cells = new ArrayList<>();
      for (String c : columns) {
        cells.add(Flat.cell(p.get(c)));
      }
      t.add(cells.toArray(String[]::new));
    }
    t.print(out());
    return ExitCodes.OK;
  }
}
