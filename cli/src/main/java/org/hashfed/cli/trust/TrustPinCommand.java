package org.hashfed.cli.trust;

import picocli.CommandLine.Command;

/** {@code hashfed trust pin MEMBER}. */
@Command(name = "pin", mixinStandardHelpOptions = true, description = "Pin a member's level: automatic demotion no longer changes it.")
final class TrustPinCommand extends MemberAction {

  @Override
  String action() {
    return "pin";
  }
}
