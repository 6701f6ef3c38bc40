package org.hashfed.cli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import picocli.CommandLine.Command;

/** {@code hashfed trust restore MEMBER}. */
@Command(name = "restore", mixinStandardHelpOptions = true, description = {"Undo a member's automatic demotions (back to the level an operator set or the default). "
    + "Exit status 1 when the member has no automatic demotion: nothing to restore."})
final class TrustRestoreCommand extends MemberAction {

  @Override
  String action() {
    return "restore";
  }

  @Override
  JsonNode execute(NodeClient client) throws CommandError {
    try {
      return super.execute(client);
    } catch (CommandError e) {
      // 409 here means the member has no automatic demotion: nothing to restore, not a wrong request.
      throw e.httpStatus() == 409 ? e.withExitCode(ExitCodes.NOT_FOUND) : e;
    }
  }
}
