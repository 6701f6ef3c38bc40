package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.ConfigLocation;
import org.hashfed.cli.client.Connection;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.cli.client.NodeOptions;
import org.hashfed.cli.client.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hashfed login}: checks a node URL and API key and saves them as a profile. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Save your node's URL and your API key as a profile, so other commands need neither. The key is "
          + "checked against the node first, and saved in ~/.config/hashfed/config.json ($XDG_CONFIG_HOME is "
          + "respected), readable only by you. The key is never printed."
    },
    footer = {
      "",
      "Examples:",
      "  hashfed login --node https://hashfed.acme.example --api-key-file ~/acme-submit.key",
      "  hashfed login --node http://127.0.0.1:8700 --api-key-file staging.key --profile staging",
      "  pass show hashfed | hashfed login --node https://hashfed.acme.example --api-key-file -",
      "",
      "Every command then uses the default profile; --profile NAME or $HASHFED_PROFILE picks another,",
      "and --node, --api-key-file, $HASHFED_NODE and $HASHFED_API_KEY override the profile.",
      "",
      "Exit status: 0 saved, 2 usage error or the file cannot be written, 3 node unreachable or key refused."
    })
public final class LoginCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--node", required = true, paramLabel = "URL", description = "Your node's URL.")
  String node;

  @Option(names = "--api-key-file", required = true, paramLabel = "FILE",
      description = "File holding your API key ('-' reads it from standard input).")
  String apiKeyFile;

  @Option(names = "--profile", paramLabel = "NAME", defaultValue = "default",
      description = "Profile name (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--make-default", description = "Make this the default profile (the first saved one always is).")
  boolean makeDefault;

  @Option(names = "--no-verify", description = "Save without checking the key against the node.")
  boolean noVerify;

  @Override
  public Integer call() {
    try {
      return execute();
    } catch (CommandError e) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
      return e.exitCode();
    } finally {
      spec.commandLine().getOut().flush();
      spec.commandLine().getErr().flush();
    }
  }

  private int execute() throws CommandError {
    Profiles.checkName(profile);
    String key = "-".equals(apiKeyFile) ? readStdin() : NodeOptions.readKeyFile(Path.of(apiKeyFile));
    Connection connection = Connection.create(node, key, "--node and --api-key-file");
    String who = "";
    if (!noVerify) {
      JsonNode status = NodeClient.create(connection).get("/v1/status");
      who = " as member " + status.path("member").asText() + " with a " + status.path("caller_role").asText("")
          + " key";
    }
    Profiles profiles = Profiles.load(ConfigLocation.configFile(System.getenv()));
    profiles.put(profile, connection, makeDefault);
    profiles.save();
    boolean isDefault = profiles.defaultName().filter(profile::equals).isPresent();
    spec.commandLine().getOut().println("logged in to " + connection.base() + who + "; saved profile \"" + profile
        + "\"" + (isDefault ? " (the default)" : "") + " in " + profiles.file());
    if (connection.sendsKeyInClear()) {
      spec.commandLine().getErr().println("warning: " + connection.base() + " is plain http on another machine; "
          + "the API key travels unencrypted. Use https.");
    }
    return ExitCodes.OK;
  }

  private static String readStdin() throws CommandError {
    try {
      InputStream in = System.in;
      String text = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
      int nl = text.indexOf('\n');
      return nl < 0 ? text : text.substring(0, nl).strip();
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.USAGE, "cannot read the API key from standard input: " + e.getMessage());
    }
  }
}
