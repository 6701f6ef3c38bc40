package org.hashfed.cli.hash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.filehash.FileHasher;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqFrameLines;
import org.hashfed.protocol.vpdq.VpdqSignalFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code hashfed hash --format}: one video's frames in the forms other vPDQ tools read, so hashes made
 * here can go to HMA or ThreatExchange tools: {@code pytx}, python-threatexchange's vpdq signal (a JSON
 * array of {@code "hash,quality,seconds"}), or {@code lines}, the reference CLI's
 * {@code frame,quality,hash,seconds} lines.
 */
final class FrameExport {

  private final CommandSpec spec;
  private final String format;
  private final boolean json;

  FrameExport(CommandSpec spec, String format, boolean json) {
    this.spec = spec;
    this.format = format;
    this.json = json;
  }

  int export(List<Path> paths, FileHasher hasher) {
    if (!format.equals("pytx") && !format.equals("lines")) {
      throw usage("invalid --format " + format + " (expected: pytx or lines)");
    }
    if (json) {
      throw usage("--format " + format + " prints a video's frames as text: leave out --json");
    }
    if (paths.size() != 1 || Files.isDirectory(paths.get(0))) {
      throw usage("--format " + format + " prints the frames of one video: give exactly one video file (got "
          + (paths.size() == 1 ? "the directory " + paths.get(0) : paths.size() + " paths") + ")");
    }
    Path file = paths.get(0);
    Outcome o = Outcome.of(hasher, file);
    if (o.failed()) {
      spec.commandLine().getErr().println("hashfed: " + file + ": " + o.error);
      spec.commandLine().getErr().flush();
      return ExitCodes.NOT_FOUND;
    }
    if (o.hashes.video().isEmpty()) {
      throw usage(file + " is not a video (expected MP4/MOV/3GP, Matroska/WebM, AVI, FLV, MPEG-TS or an "
          + "animated GIF, recognised by content): --format " + format + " applies to videos only");
    }
    VideoHashes v = o.hashes.video().get().hashes();
    if (format.equals("pytx")) {
      spec.commandLine().getOut().println(VpdqSignalFormat.write(v.frames()));
    } else {
      spec.commandLine().getOut().print(VpdqFrameLines.write(v.frames()));
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
