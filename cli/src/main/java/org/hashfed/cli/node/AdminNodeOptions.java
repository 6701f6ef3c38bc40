package org.hashfed.cli.node;

import java.nio.file.Path;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.Connection;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.cli.client.NodeOptions;
import picocli.CommandLine.Option;

/** {@code --node} and {@code --admin-key-file}, shared by the {@code hashfed keys} commands. */
final class AdminNodeOptions {

  @Option(names = "--node", paramLabel = "URL", defaultValue = "${env:HASHFED_NODE:-http://127.0.0.1:8700}",
      description = "the node's base URL (default: $HASHFED_NODE or ${DEFAULT-VALUE})")
  String node;

  @Option(names = "--admin-key-file", paramLabel = "FILE",
      defaultValue = "${env:HASHFED_ADMIN_KEY_FILE:-hashfed-data/admin.key}",
      description = "file holding an admin API key (default: ${DEFAULT-VALUE})")
  Path adminKeyFile;

  /** A client of the node authenticated with the admin key. */
  NodeClient client() throws CommandError {
    String adminKey = NodeOptions.readKeyFile(adminKeyFile);
    return NodeClient.create(Connection.create(node, adminKey, "--admin-key-file"));
  }
}
