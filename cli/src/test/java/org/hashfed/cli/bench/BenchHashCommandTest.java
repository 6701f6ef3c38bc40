package org.hashfed.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.imageio.ImageIO;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchHashCommandTest {

  @TempDir Path dir;

  @Test
  @EnabledOnOs(OS.LINUX)
  void reference_isRunOnEveryFile_andFilesItCannotHashAreLeftOutOfTheRatio() throws Exception {
    Path images = Files.createDirectory(dir.resolve("images"));
    writeImage(images.resolve("a-good.png"));
    writeImage(images.resolve("b-bad.png"));
    // Stands in for pdq-photo-hasher: fails on the file it cannot decode, as the real one does on alpha PNGs.
    Path reference = dir.resolve("reference.sh");
    Files.writeString(reference, "#!/bin/sh\ncase \"$1\" in *bad*) exit 1;; esac\necho 0000,100,\"$1\"\n");
    Files.setPosixFilePermissions(reference, PosixFilePermissions.fromString("rwx------"));

    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    assertEquals(ExitCodes.OK, cmd.execute("bench", "hash", images.toString(), "--threads", "1", "--rounds", "1",
        "--reference", reference.toString(), "--reference-repeats", "2", "--json"));

    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertEquals(2, report.get("runs").get(0).get("files").asInt());
    JsonNode ref = report.get("reference");
    assertEquals(1, ref.get("comparedFiles").asInt());
    assertEquals("a-good.png", ref.get("files").get(0).get("file").asText());
    assertTrue(ref.get("files").get(0).get("hashfedMillis").asDouble() > 0, ref.toString());
    assertTrue(ref.get("files").get(0).get("referenceMillis").isNumber(), ref.toString());
    assertTrue(ref.get("files").get(1).get("referenceMillis").isNull(), ref.toString());
  }

  @Test
  void reference_thatIsNoExecutable_isUsageErrorNamingThePath() throws Exception {
    Path images = Files.createDirectory(dir.resolve("images"));
    writeImage(images.resolve("a.png"));
    Path missing = dir.resolve("no-such-hasher");
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.newCommandLine();
    cmd.setErr(new PrintWriter(err));
    assertEquals(ExitCodes.USAGE, cmd.execute("bench", "hash", images.toString(), "--reference", missing.toString()));
    assertTrue(err.toString().contains("not an executable file: " + missing), err.toString());
  }

  private static void writeImage(Path file) throws Exception {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x + y) & 0xFF));
      }
    }
    ImageIO.write(image, "png", file.toFile());
  }
}
