package org.hashfed.cli.trust;

import picocli.CommandLine.Command;

/** {@code hashfed trust unpin MEMBER}. */
@Command(name = "unpin", mixinStandardHelpOptions = true, description = "Remove a member's pin: automatic demotion applies again.")
final class TrustUnpinCommand extends MemberAction {

  @Override
  String action() {
    return "unpin";
  }
}
