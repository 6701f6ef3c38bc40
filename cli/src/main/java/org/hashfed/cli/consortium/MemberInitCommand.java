package org.hashfed.cli.consortium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.node.config.ConfigException;
import org.hashfed.node.config.ConfigLoader;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.peer.TlsIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Creates a node's member key and TLS certificate before its first start, so they can go into the roster. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create your node's member key and TLS certificate where its config puts them, as its first start "
          + "would, without starting it; existing files are kept. Then export your member file with the printed "
          + "command and send it to the consortium: the roster must list both before your node joins."
    })
final class MemberInitCommand extends FailingCommand {

  @Option(names = "--config", paramLabel = "FILE", description = "your node's YAML or JSON config file")
  Path config;

  @Option(names = "--data", paramLabel = "DIR",
      description = "data directory (default: the config's, or ./hashfed-data)")
  Path data;

  @Override
  int execute() throws CommandFailure {
    NodeConfig cfg;
    try {
      NodeConfig.Builder b = ConfigLoader.fromEnvironment().load(config);
      if (data != null) {
        b.dataDir(data);
      }
      cfg = b.build();
    } catch (ConfigException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
    }
    boolean keyExisted = Files.exists(cfg.memberKeyFile());
    boolean tlsExisted = Files.exists(cfg.dataDir().resolve("tls.crt"));
    MemberIdentity id;
    TlsIdentity tls;
    try {
      Files.createDirectories(cfg.dataDir());
      id = MemberIdentity.loadOrCreate(cfg.member(), cfg.memberKeyFile());
      tls = TlsIdentity.loadOrCreate(cfg.dataDir(), cfg.member());
    } catch (NodeStartException | IOException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
    }
    Path cert = cfg.dataDir().resolve("tls.crt");
    String peerUrl = "https://" + cfg.peerHost() + ":" + cfg.peerPort();
    out().println("member       " + id.member().value());
    out().println("member key   " + cfg.memberKeyFile() + (keyExisted ? " (kept)" : " (created, mode 0600)")
        + ", public key " + id.publicKey().toBase64());
    out().println("certificate  " + cert + (tlsExisted ? " (kept)" : " (created)") + ", SHA-256 " + tls.fingerprint());
    out().println("peer URL     " + peerUrl);
    out().println("next: hashfed member export --key " + cfg.memberKeyFile() + " --id " + id.member().value()
        + " --name \"Your Company\" --peer-url " + peerUrl + " --tls-cert " + cert + " --out "
        + id.member().value() + ".member.json");
    out().flush();
    return ExitCodes.OK;
  }
}
