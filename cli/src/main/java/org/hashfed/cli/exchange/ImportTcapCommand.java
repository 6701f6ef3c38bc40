package org.hashfed.cli.exchange;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hashfed import tcap}: Tech Against Terrorism's TCAP hash list. */
@Command(
    name = "tcap",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Import Tech Against Terrorism's TCAP hash list (api/hash-list/v2/all): PDQ, MD5 and SHA-256 hashes, each "
          + "labelled source:tcap and ideology:<ideology>, with its TCAP id in the note. Pages are read in order from "
          + "the checkpoint of the last run; a record TCAP marks deleted retracts its entry."
    },
    footer = {
      "",
      "Examples:",
      "  hashfed import tcap --credentials-file ~/.tcap-credentials --label behavior:propaganda",
      "  HASHFED_TCAP_TOKEN=\"$(pass show tcap-jwt)\" hashfed import tcap --dry-run --json",
      "",
      "Credentials: --credentials-file (one line username:password, as python-threatexchange's",
      "~/.pytx_tat_credentials) or $HASHFED_TCAP_CREDENTIALS; a JWT instead: --token-file or $HASHFED_TCAP_TOKEN.",
      "With credentials an expired token is renewed; with a JWT alone the import stops and keeps its checkpoint.",
      "Default --state: hashfed-import/tcap.",
      "Exit status: 0 imported, 1 some records malformed or refused, 2 usage error, 3 TCAP or the node failed."
    })
final class ImportTcapCommand extends ImportRun {

  static final String ENV_CREDENTIALS = "HASHFED_TCAP_CREDENTIALS";
  static final String ENV_TOKEN = "HASHFED_TCAP_TOKEN";

  @Option(names = "--credentials-file", paramLabel = "FILE", description = "File holding username:password.")
  Path credentialsFile;

  @Option(names = "--token-file", paramLabel = "FILE", description = "File holding a TCAP JWT.")
  Path tokenFile;

  @Option(names = "--ideology", paramLabel = "NAME", description = "islamist, far-right or all (default: "
      + "${DEFAULT-VALUE}).", defaultValue = "all")
  String ideology;

  @Option(names = "--url", paramLabel = "URL", description = "TCAP's base URL (default: ${DEFAULT-VALUE}).",
      defaultValue = "https://app.terrorismanalytics.org/")
  String url;

  @Mixin SourceOptions limits;

  @Override
  protected int execute() throws CommandError {
    if (!ideology.matches("islamist|far-right|all")) {
      throw CommandError.of(ExitCodes.USAGE, "invalid --ideology \"" + ideology + "\": expected islamist, far-right "
          + "or all");
    }
    URI base = ImportThreatExchangeCommand.baseUrl(url);
    TcapSource.Auth auth = auth();
    SourceHttp http = limits.http("TCAP");
    return run("tcap", "tcap", Path.of("hashfed-import", "tcap"), limits.maxPages, (state, items) -> {
      Optional<String> after = state.checkpoint();
      if (after.isPresent() && !TcapSource.isCheckpoint(after.get())) {
        throw CommandError.of(ExitCodes.USAGE, "the checkpoint \"" + after.get() + "\" in " + state.dir() + " is not "
            + "a TCAP checkpoint (\"<unix time>,<id>\"): delete " + ImportState.CHECKPOINT + " to import from the start");
      }
      return new TcapSource(http, base, auth, ideology, limits.pageSize, after, items);
    });
  }

  private TcapSource.Auth auth() throws CommandError {
    if (credentialsFile != null && tokenFile != null) {
      throw CommandError.of(ExitCodes.USAGE, "give --credentials-file or --token-file, not both");
    }
    Optional<String> credentials = tokenFile != null ? Optional.empty()
        : Secrets.read(credentialsFile, ENV_CREDENTIALS, System.getenv(), "TCAP credentials");
    if (credentials.isPresent()) {
      try {
        return TcapSource.Auth.credentials(credentials.get());
      } catch (IllegalArgumentException e) {
        throw CommandError.of(ExitCodes.USAGE, "the TCAP credentials from " + (credentialsFile != null ? credentialsFile
            : "$" + ENV_CREDENTIALS) + " are not one line username:password");
      }
    }
    Optional<String> token = Secrets.read(tokenFile, ENV_TOKEN, System.getenv(), "TCAP token");
    return token.map(TcapSource.Auth::token).orElseThrow(() -> CommandError.of(ExitCodes.USAGE, "no TCAP "
        + "credentials: give --credentials-file FILE (username:password) or --token-file FILE, or set $"
        + ENV_CREDENTIALS + " or $" + ENV_TOKEN));
  }
}
