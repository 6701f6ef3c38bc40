package org.hashfed.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

  private static final String REPO = System.getProperty("hashfed.repo.dir", "..");

  @TempDir Path dir;

  private static String video(String name) {
    return Path.of(REPO, "protocol/src/test/resources/vpdq/videos", name).toString();
  }

  private static Path image(String name) {
    return Path.of(REPO, "protocol/src/test/resources/pdq-vectors/images", name);
  }

  @Test
  void videoWithItself_matches100_100_exitZero() throws Exception {
    String mp4 = video("test-padded-dimensions.mp4");
    CliRun r = CliRun.of("compare", mp4, mp4, "--json");
    assertEquals(ExitCodes.OK, r.status(), r.toString());
    JsonNode v = r.json().path("vpdq");
    assertEquals(100.0, v.path("query_percent").asDouble());
    assertEquals(100.0, v.path("compared_percent").asDouble());
    assertEquals("standard", v.path("via").asText());
    assertTrue(r.json().path("match").asBoolean());
    assertTrue(r.json().path("identical").asBoolean());

    CliRun text = CliRun.of("compare", mp4, mp4);
    assertEquals(ExitCodes.OK, text.status(), text.toString());
    assertTrue(text.out().contains("result: MATCH (query% 100%, compared% 100%, via standard)"), text.out());
  }

  @Test
  void differentVideos_doNotMatch_exitOne() {
    CliRun r = CliRun.of("compare", video("test-padded-dimensions.mp4"), video("pattern-sd-grey-bar.mp4"), "--json");
    assertEquals(ExitCodes.NOT_FOUND, r.status(), r.toString());
    assertFalse(r.json().path("match").asBoolean());
    assertTrue(r.json().path("vpdq").path("query_percent").asDouble() < 80, r.out());
  }

  @Test
  void flippedImage_matchesOnlyWithDihedral() throws Exception {
    Path original = image("bridge-mods-aaa-orig.jpg");
    BufferedImage in = ImageIO.read(original.toFile());
    AffineTransform flip = new AffineTransform(-1, 0, 0, 1, in.getWidth(), 0);
    BufferedImage flipped = new AffineTransformOp(flip, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(in, null);
    Path copy = dir.resolve("flipped.png");
    ImageIO.write(flipped, "png", copy.toFile());

    CliRun plain = CliRun.of("compare", copy.toString(), original.toString());
    assertEquals(ExitCodes.NOT_FOUND, plain.status(), plain.toString());
    assertTrue(plain.out().contains("result: NO MATCH"), plain.out());

    CliRun dihedral = CliRun.of("compare", "--dihedral", copy.toString(), original.toString(), "--json");
    assertEquals(ExitCodes.OK, dihedral.status(), dihedral.toString());
    JsonNode pdq = dihedral.json().path("pdq");
    assertTrue(pdq.path("distance").asInt() <= 31, pdq.toString());
    assertEquals("flipy", pdq.path("variant").asText(), "mirrored left to right");
  }

  @Test
  void imageAgainstItsPdqHash_isDistanceZero() {
    CliRun r = CliRun.of("compare", image("bridge-mods-aaa-orig.jpg").toString(),
        "pdq:f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22");
    assertEquals(ExitCodes.OK, r.status(), r.toString());
    assertTrue(r.out().contains("pdq distance 0"), r.out());
  }

  @Test
  void imageWithVideo_andBadArguments_areUsageErrors() {
    CliRun mixed = CliRun.of("compare", image("bridge-mods-aaa-orig.jpg").toString(), video("test-padded-dimensions.mp4"));
    assertEquals(ExitCodes.USAGE, mixed.status(), mixed.toString());
    assertTrue(mixed.err().contains("give two images or two videos"), mixed.err());
    CliRun badPdq = CliRun.of("compare", image("bridge-mods-aaa-orig.jpg").toString(), "pdq:xyz");
    assertEquals(ExitCodes.USAGE, badPdq.status());
    assertTrue(badPdq.err().contains("pdq:xyz"), badPdq.err());
    CliRun badPercent = CliRun.of("compare", "--query-percent", "120", video("test-padded-dimensions.mp4"),
        video("test-padded-dimensions.mp4"));
    assertEquals(ExitCodes.USAGE, badPercent.status());
    assertTrue(badPercent.err().contains("invalid --query-percent 120.0"), badPercent.err());
  }
}
