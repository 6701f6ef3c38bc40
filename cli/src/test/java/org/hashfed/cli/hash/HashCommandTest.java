package org.hashfed.cli.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.Main;
import org.hashfed.protocol.vpdq.VpdqSignalFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HashCommandTest {

  private static final String BRIDGE_PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
  private static final String ABC_MD5 = "900150983cd24fb0d6963f7d28e17f72";
  private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @TempDir Path dir;
  private Path photo;
  private Path text;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void files() throws Exception {
    Path repo = Path.of(System.getProperty("hashfed.repo.dir", ".."));
    photo = dir.resolve("photo.jpg");
    Files.copy(repo.resolve("protocol/src/test/resources/pdq-vectors/images/bridge-mods-aaa-orig.jpg"), photo);
    text = dir.resolve("abc.txt");
    Files.write(text, "abc".getBytes(StandardCharsets.US_ASCII));
  }

  private int run(String... args) {
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  private List<String> outLines() {
    return Arrays.asList(out.toString().split("\n"));
  }

  @Test
  void text_printsOneLinePerSignal() {
    assertEquals(ExitCodes.OK, run("hash", photo.toString(), text.toString()), err.toString());
    List<String> lines = outLines();
    assertEquals(5, lines.size(), out.toString());
    assertTrue(lines.get(0).matches("md5 [0-9a-f]{32} " + photo), lines.get(0));
    assertTrue(lines.get(1).matches("sha256 [0-9a-f]{64} " + photo), lines.get(1));
    assertEquals("pdq " + BRIDGE_PDQ + " " + photo, lines.get(2));
    assertEquals("md5 " + ABC_MD5 + " " + text, lines.get(3));
    assertEquals("sha256 " + ABC_SHA256 + " " + text, lines.get(4));
    assertEquals("", err.toString());
  }

  @Test
  void json_printsOneObjectPerFile_pdqOnlyForImages() throws Exception {
    assertEquals(ExitCodes.OK, run("hash", "--json", photo.toString(), text.toString()));
    List<String> lines = outLines();
    assertEquals(2, lines.size());
    ObjectMapper m = new ObjectMapper();
    JsonNode image = m.readTree(lines.get(0));
    assertEquals(photo.toString(), image.get("path").asText());
    assertEquals(Files.size(photo), image.get("bytes").asLong());
    assertEquals(BRIDGE_PDQ, image.get("pdq").get("hash").asText());
    assertEquals(100, image.get("pdq").get("quality").asInt());
    assertFalse(image.get("pdq").has("dihedral"));
    JsonNode plain = m.readTree(lines.get(1));
    assertEquals(ABC_MD5, plain.get("md5").asText());
    assertEquals(ABC_SHA256, plain.get("sha256").asText());
    assertEquals(3, plain.get("bytes").asLong());
    assertFalse(plain.has("pdq"));
  }

  @Test
  void directory_isHashedRecursively_inPathOrder() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("b/c"));
    Files.write(sub.resolve("z.txt"), "z".getBytes(StandardCharsets.US_ASCII));
    Files.write(dir.resolve("a.txt"), "a".getBytes(StandardCharsets.US_ASCII));
    assertEquals(ExitCodes.OK, run("hash", "--json", "--threads", "2", dir.toString()));
    List<String> lines = outLines();
    assertEquals(4, lines.size(), "photo, abc, a and b/c/z: " + out);
    ObjectMapper m = new ObjectMapper();
    String[] paths = new String[lines.size()];
    for (int i = 0; i < paths.length; i++) {
      paths[i] = m.readTree(lines.get(i)).get("path").asText();
    }
    String[] sorted = paths.clone();
    Arrays.sort(sorted);
    assertEquals(Arrays.asList(sorted), Arrays.asList(paths));
    assertTrue(Arrays.asList(paths).contains(sub.resolve("z.txt").toString()));
  }

  @Test
  void badFile_isReported_runGoesOn_exitOne() throws Exception {
    byte[] jpeg = Files.readAllBytes(photo);
    Path cut = dir.resolve("cut.jpg");
    Files.write(cut, Arrays.copyOf(jpeg, jpeg.length / 2));
    Path missing = dir.resolve("missing.png");
    assertEquals(ExitCodes.NOT_FOUND, run("hash", "--json", cut.toString(), missing.toString(), text.toString()));
    ObjectMapper m = new ObjectMapper();
    List<String> lines = outLines();
    JsonNode lost = m.readTree(lines.get(0));
    assertEquals(missing.toString(), lost.get("path").asText());
    assertEquals("no such file or directory", lost.get("error").asText());
    JsonNode bad = m.readTree(lines.get(1));
    assertEquals(cut.toString(), bad.get("path").asText());
    assertTrue(bad.get("error").asText().contains("truncated"), bad.toString());
    assertFalse(bad.has("md5"));
    assertEquals(ABC_MD5, m.readTree(lines.get(2)).get("md5").asText());
  }

  @Test
  void badFile_inText_goesToStderr() throws Exception {
    Path junk = dir.resolve("junk.png");
    Files.write(junk, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3});
    assertEquals(ExitCodes.NOT_FOUND, run("hash", junk.toString(), text.toString()));
    assertTrue(err.toString().startsWith("hashfed: " + junk + ": cannot decode"), err.toString());
    assertEquals(2, outLines().size());
  }

  @Test
  void imageOverThePixelLimit_isReported_namingTheLimit_andTheRunGoesOn() throws Exception {
    // a PNG header declaring 46340x46340 16-bit RGBA: refused before anything is decoded
    ByteBuffer ihdr = ByteBuffer.allocate(33).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
        .putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(46340).putInt(46340).put((byte) 16)
        .put((byte) 6).put(new byte[3]).putInt(0);
    Path huge = dir.resolve("huge.png");
    Files.write(huge, ihdr.array());
    assertEquals(ExitCodes.NOT_FOUND, run("hash", huge.toString(), text.toString()));
    assertEquals("hashfed: " + huge + ": PNG image of 46340x46340 pixels (2147395600) exceeds the limit of 50000000 "
        + "pixels", err.toString().lines().findFirst().orElse(""));
    assertEquals(2, outLines().size(), "abc.txt still hashed");
    err.getBuffer().setLength(0);
    assertEquals(ExitCodes.NOT_FOUND, run("hash", "--max-image-pixels", "1000", photo.toString()));
    assertTrue(err.toString().contains("exceeds the limit of 1000 pixels"), err.toString());
    assertEquals(ExitCodes.USAGE, run("hash", "--max-jpeg-scans", "0", photo.toString()));
    assertTrue(err.toString().contains("invalid --max-jpeg-scans 0 (expected: 1 or more)"), err.toString());
  }

  @Test
  void dihedral_addsSevenVariants() throws Exception {
    assertEquals(ExitCodes.OK, run("hash", "--dihedral", photo.toString()));
    List<String> lines = outLines();
    assertEquals(10, lines.size(), out.toString());
    assertEquals("pdq " + BRIDGE_PDQ + " " + photo, lines.get(2));
    assertTrue(lines.get(3).startsWith("pdq_rotate90 "), lines.get(3));
    out.getBuffer().setLength(0);
    assertEquals(ExitCodes.OK, run("hash", "--json", "--dihedral", photo.toString()));
    JsonNode variants = new ObjectMapper().readTree(out.toString()).get("pdq").get("dihedral");
    assertEquals(7, variants.size());
    assertTrue(variants.get("flipminus1").asText().matches("[0-9a-f]{64}"));
  }

  @Test
  void lowQualityPdq_isPrintedWithWarning() throws Exception {
    Path flat = dir.resolve("flat.png");
    ImageIO.write(new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB), "png", flat.toFile());
    assertEquals(ExitCodes.OK, run("hash", flat.toString()));
    assertTrue(out.toString().contains("pdq "), out.toString());
    assertTrue(err.toString().contains("PDQ quality 0 is below 50; the consortium will refuse this hash"),
        err.toString());
  }

  @Test
  void noPath_isUsageError() {
    assertEquals(ExitCodes.USAGE, run("hash"));
  }

  private static Path video(String name) {
    return Path.of(System.getProperty("hashfed.repo.dir", ".."), "protocol/src/test/resources/vpdq/videos", name);
  }

  @Test
  void video_printsMd5Sha256AndVpdq_summaryOnStderr() {
    Path mp4 = video("test-padded-dimensions.mp4");
    assertEquals(ExitCodes.OK, run("hash", mp4.toString()), err.toString());
    List<String> lines = outLines();
    assertEquals(3, lines.size(), out.toString());
    assertTrue(lines.get(0).startsWith("md5 "), lines.get(0));
    assertTrue(lines.get(1).startsWith("sha256 "), lines.get(1));
    assertTrue(lines.get(2).matches("vpdq [0-9a-f]{64} " + mp4), lines.get(2));
    assertTrue(err.toString().contains(mp4 + ": vpdq of 5 frames, 30 fps, 5 s, one every 1 s"), err.toString());
  }

  @Test
  void video_json_hasFramesFpsAndValue() throws Exception {
    Path mp4 = video("test-padded-dimensions.mp4");
    assertEquals(ExitCodes.OK, run("hash", "--json", mp4.toString()), err.toString());
    JsonNode vpdq = new ObjectMapper().readTree(out.toString()).get("vpdq");
    assertEquals(30.0, vpdq.get("fps").asDouble(), 0.01);
    assertEquals(1.0, vpdq.get("seconds_per_hash").asDouble());
    assertEquals(5, vpdq.get("frames").size());
    JsonNode first = vpdq.get("frames").get(0);
    assertEquals(0, first.get("frame").asInt());
    assertEquals(0.0, first.get("timestamp").asDouble());
    assertEquals("e6cf059c4c6696362cc9d6663cd9c263714169d98327399993363d9c3d9cc666", first.get("hash").asText());
    assertEquals(100, first.get("quality").asInt());
    assertTrue(vpdq.get("value").asText().matches("[0-9a-f]{64}"));
    // the pattern is black at its left and right in every frame: a content area, hashed per frame as well
    JsonNode content = vpdq.get("content");
    assertEquals(5, content.get("frames").size());
    assertTrue(content.get("width").asInt() < 1920, content.toString());
  }

  @Test
  void secondsPerHashZero_hashesEveryFrame() throws Exception {
    assertEquals(ExitCodes.OK, run("hash", "--json", "--seconds-per-hash", "0",
        video("test-padded-dimensions.mp4").toString()), err.toString());
    assertEquals(150, new ObjectMapper().readTree(out.toString()).get("vpdq").get("frames").size());
  }

  @Test
  void formatPytx_roundTripsThroughTheSignalParser() throws Exception {
    assertEquals(ExitCodes.OK, run("hash", "--format", "pytx", video("test-padded-dimensions.mp4").toString()),
        err.toString());
    var frames = VpdqSignalFormat.parse(out.toString().strip());
    assertEquals(5, frames.size());
    assertEquals("e6cf059c4c6696362cc9d6663cd9c263714169d98327399993363d9c3d9cc666", frames.get(0).hash().toHex());
  }

  @Test
  void formatLines_printsTheReferenceLines() {
    assertEquals(ExitCodes.OK, run("hash", "--format", "lines", "--seconds-per-hash", "0",
        video("test-padded-dimensions.mp4").toString()), err.toString());
    assertEquals(150, outLines().size());
    assertEquals("0,100,e6cf059c4c6696362cc9d6663cd9c263714169d98327399993363d9c3d9cc666,0.000", outLines().get(0));
  }

  @Test
  void format_ofAnImage_isUsageError() {
    assertEquals(ExitCodes.USAGE, run("hash", "--format", "pytx", photo.toString()));
    assertTrue(err.toString().contains(photo + " is not a video"), err.toString());
  }

  @Test
  void truncatedVideo_isReported_exitOne() throws Exception {
    Path cut = dir.resolve("cut.mp4");
    byte[] mp4 = Files.readAllBytes(video("pattern-sd-grey-bar.mp4"));
    Files.write(cut, Arrays.copyOf(mp4, 2000));
    assertEquals(ExitCodes.NOT_FOUND, run("hash", cut.toString(), text.toString()));
    assertTrue(err.toString().startsWith("hashfed: " + cut + ": "), err.toString());
    assertFalse(err.toString().contains("cut.mp4: cut.mp4"), "the file is named once: " + err);
    assertEquals(2, outLines().size(), "abc.txt is still hashed: " + out);
  }

  @Test
  void badSecondsPerHash_isUsageError_namingTheValue() {
    assertEquals(ExitCodes.USAGE, run("hash", "--seconds-per-hash", "-1", photo.toString()));
    assertTrue(err.toString().contains("invalid --seconds-per-hash -1.0"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(ExitCodes.USAGE, run("hash", "--seconds-per-hash", "NaN", photo.toString()));
    assertTrue(err.toString().contains("invalid --seconds-per-hash NaN"), err.toString());
  }
}
