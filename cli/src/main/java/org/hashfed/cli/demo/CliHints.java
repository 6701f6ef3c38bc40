package org.hashfed.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Prints copy-pasteable CLI commands against the demo's running nodes. */
final class CliHints {

  private CliHints() {}

  static void print(PrintWriter out, DemoStory story, Path dir) {
    String hf = Files.isExecutable(Path.of("hashfed")) && Files.isDirectory(Path.of("cli")) ? "./hashfed" : "hashfed";
    String entry = story.pdqEntry();
    out.println();
    out.println("The three nodes keep running. In another terminal, act as each member's analyst:");
    out.println();
    for (String m : DemoStory.MEMBERS) {
      out.println(String.format(Locale.ROOT, "  %-6s %s", m + ":", flags(story, m)));
    }
    out.println();
    out.println("  # gamma: is this upload in the consortium's hashes?");
    out.println("  " + hf + " match " + flags(story, DemoStory.MATCHER) + " " + dir.resolve("bridge-resized.jpg"));
    out.println("  # gamma: the submission, its status and the opinions on it");
    out.println("  " + hf + " entry show " + flags(story, DemoStory.MATCHER) + " " + entry);
    out.println("  # acme: correct the submission's labels; every node's matches carry the new ones");
    out.println("  " + hf + " relabel " + flags(story, DemoStory.SUBMITTER) + " --label " + DemoStory.LABEL
        + " --label ideology:accelerationism " + entry);
    out.println("  # beta: agree after all; acme: retract the submission, and it stops matching everywhere");
    out.println("  " + hf + " agree " + flags(story, DemoStory.DISPUTER) + " " + entry);
    out.println("  " + hf + " retract " + flags(story, DemoStory.SUBMITTER) + " --reason false_positive " + entry);
    out.println("  # any member: submit a file of your own; node status and members");
    out.println("  " + hf + " submit " + flags(story, DemoStory.DISPUTER) + " --label " + DemoStory.LABEL
        + " some-image.jpg");
    out.println("  " + hf + " status " + flags(story, DemoStory.DISPUTER));
    out.println("  # an auditor: verify gamma's log and the provenance of the example image's hash");
    String audit = "--node " + story.apis().get(DemoStory.MATCHER).base() + " --audit-key-file "
        + story.analystKeyFile(DemoStory.MATCHER).resolveSibling("admin.key");
    out.println("  " + hf + " audit verify " + audit);
    out.println("  " + hf + " audit provenance " + audit + " pdq " + story.original().pdq().hash().toHex());
    out.println();
    out.println("Press Ctrl-C to stop the nodes (their data stays in " + dir + " until the next demo).");
  }

  private static String flags(DemoStory story, String member) {
    return "--node " + story.apis().get(member).base() + " --api-key-file " + story.analystKeyFile(member);
  }
}
