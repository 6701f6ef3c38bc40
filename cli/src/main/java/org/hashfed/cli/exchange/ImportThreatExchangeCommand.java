package org.hashfed.cli.exchange;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hashfed import threatexchange}: the threat updates of a ThreatExchange privacy group. */
@Command(
    name = "threatexchange",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Import the threat_updates of a ThreatExchange privacy group (Graph API): HASH_PDQ, HASH_MD5 and "
          + "HASH_VIDEO_MD5 (and HASH_SHA256) indicators, labelled source:threatexchange and tag:<tag> for their "
          + "descriptors' tags, with the indicator id in the note. An update with should_delete (or whose "
          + "descriptors all say NON_MALICIOUS) retracts the indicator's entry."
    },
    footer = {
      "",
      "Examples:",
      "  hashfed import threatexchange --token-file ~/.te-token 1234567890",
      "  HASHFED_TE_TOKEN=\"$(pass show te-app-token)\" hashfed import threatexchange --dry-run 1234567890",
      "",
      "The app access token (appid|secret): --token-file or $HASHFED_TE_TOKEN, never on the command line.",
      "Default --state: hashfed-import/threatexchange-GROUP.",
      "Exit status: 0 imported, 1 some updates malformed or refused, 2 usage error, 3 ThreatExchange or the node failed."
    })
final class ImportThreatExchangeCommand extends ImportRun {

  static final String ENV_TOKEN = "HASHFED_TE_TOKEN";

  @Parameters(index = "0", paramLabel = "PRIVACY_GROUP", description = "The privacy group's id.")
  String privacyGroup;

  @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the app access token.")
  Path tokenFile;

  @Option(names = "--url", paramLabel = "URL", description = "The Graph API's base URL (default: ${DEFAULT-VALUE}).",
      defaultValue = "https://graph.facebook.com/v21.0/")
  String url;

  @Mixin SourceOptions limits;

  @Override
  protected int execute() throws CommandError {
    if (!privacyGroup.matches("[0-9]{1,20}")) {
      throw CommandError.of(ExitCodes.USAGE, "invalid privacy group \"" + privacyGroup + "\": expected its numeric id");
    }
    URI base = baseUrl(url);
    String token = Secrets.read(tokenFile, ENV_TOKEN, System.getenv(), "ThreatExchange token").orElseThrow(() ->
        CommandError.of(ExitCodes.USAGE, "no ThreatExchange token: give --token-file FILE or set $" + ENV_TOKEN));
    SourceHttp http = limits.http("ThreatExchange");
    return run("threatexchange", "threatexchange-" + privacyGroup, Path.of("hashfed-import", "threatexchange-" + privacyGroup),
        limits.maxPages, (state, items) -> {
          Optional<String> since = state.checkpoint();
          if (since.isPresent() && !ThreatExchangeSource.isCheckpoint(since.get())) {
            throw CommandError.of(ExitCodes.USAGE, "the checkpoint \"" + since.get() + "\" in " + state.dir()
                + " is not a Unix time: delete " + ImportState.CHECKPOINT + " to import from the start");
          }
          return new ThreatExchangeSource(http, base, token, privacyGroup, limits.pageSize, since, items);
        });
  }

  /** An exchange's base URL, http or https with a host, ending in {@code /} so that paths resolve under it. */
  static URI baseUrl(String url) throws CommandError {
    try {
      URI uri = URI.create(url.endsWith("/") ? url : url + "/");
      if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null
          || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw CommandError.of(ExitCodes.USAGE, "invalid --url \"" + url + "\": expected an http or https URL such as "
          + "https://graph.facebook.com/v21.0/");
    }
  }
}
