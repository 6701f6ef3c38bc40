package org.hashfed.protocol.filehash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.hashfed.protocol.pdq.Dihedral;
import org.hashfed.protocol.pdq.ImageDecodeException;
import org.hashfed.protocol.pdq.ImageFormat;
import org.hashfed.protocol.pdq.ImageLimits;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.video.VideoFormat;
import org.hashfed.protocol.video.VideoFormatTest;
import org.hashfed.protocol.video.VideoLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHasherTest {

  private static final String ORIGINAL_PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

  @TempDir Path dir;

  private static Path vector(String name) throws URISyntaxException {
    return Path.of(FileHasherTest.class.getResource("/pdq-vectors/images/" + name).toURI());
  }

  @Test
  void jpeg_getsDigestsAndPdq() throws Exception {
    Path jpeg = vector("bridge-mods-aaa-orig.jpg");
    FileHashes h = FileHasher.create().hash(jpeg);
    assertEquals(ImageFormat.JPEG, h.format().orElseThrow());
    assertEquals(ORIGINAL_PDQ, h.pdq().orElseThrow().hash().toHex());
    assertEquals(100, h.pdq().orElseThrow().quality());
    assertEquals(FileDigests.of(jpeg).sha256Hex(), h.digests().sha256Hex());
    assertEquals(Files.size(jpeg), h.digests().bytes());
    assertTrue(h.dihedral().isEmpty());
  }

  @Test
  void imageNamedAsText_isStillRecognisedByMagicBytes() throws Exception {
    Path renamed = dir.resolve("notes.txt");
    Files.copy(vector("bridge-mods-aaa-orig.jpg"), renamed);
    assertEquals(ORIGINAL_PDQ, FileHasher.create().hash(renamed).pdq().orElseThrow().hash().toHex());
  }

  @Test
  void imageOverTheHashersPixelLimit_isRefused_namingTheLimit() throws Exception {
    Path jpeg = vector("bridge-mods-aaa-orig.jpg");
    FileHasher small = FileHasher.create().withImageLimits(ImageLimits.defaults().withMaxPixels(1000));
    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> small.hash(jpeg));
    assertEquals(ImageDecodeException.Reason.LIMIT, e.reason());
    assertTrue(e.getMessage().endsWith("exceeds the limit of 1000 pixels"), e.getMessage());
  }

  @Test
  void textNamedAsImage_getsNoPdq() throws Exception {
    Path fake = dir.resolve("photo.jpg");
    Files.write(fake, "just text".getBytes(StandardCharsets.US_ASCII));
    FileHashes h = FileHasher.create().hash(fake);
    assertTrue(h.pdq().isEmpty());
    assertTrue(h.format().isEmpty());
  }

  @Test
  void withDihedral_givesEightVariants_originalFirst() throws Exception {
    FileHashes h = FileHasher.withDihedral().hash(vector("dih-bridge-1-original.jpg"));
    assertEquals(8, h.dihedral().orElseThrow().all().size());
    assertEquals(h.pdq().orElseThrow().hash(), h.dihedral().orElseThrow().get(Dihedral.ORIGINAL));
  }

  @Test
  void truncatedJpeg_isDecodeError() throws Exception {
    byte[] full = Files.readAllBytes(vector("bridge-mods-aaa-orig.jpg"));
    Path cut = dir.resolve("cut.jpg");
    Files.write(cut, Arrays.copyOf(full, full.length / 2));
    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> FileHasher.create().hash(cut));
    assertTrue(e.getMessage().contains("JPEG"), e.getMessage());
  }

  @Test
  void truncatedPng_isDecodeError() throws Exception {
    byte[] full = Files.readAllBytes(vector("modes-RGBA.png"));
    Path cut = dir.resolve("cut.png");
    Files.write(cut, Arrays.copyOf(full, full.length / 3));
    assertThrows(ImageDecodeException.class, () -> FileHasher.create().hash(cut));
  }

  @Test
  void randomBytesAfterJpegMagic_isDecodeError() throws Exception {
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);
    junk[0] = (byte) 0xFF;
    junk[1] = (byte) 0xD8;
    junk[2] = (byte) 0xFF;
    Path f = dir.resolve("junk.bin");
    Files.write(f, junk);
    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> FileHasher.create().hash(f));
    assertFalse(e.getMessage().isBlank());
  }

  @Test
  void randomBytes_areHashedAsPlainFile() throws Exception {
    byte[] junk = new byte[4096];
    new Random(8).nextBytes(junk);
    junk[0] = 0;
    Path f = dir.resolve("junk2.bin");
    Files.write(f, junk);
    FileHashes h = FileHasher.create().hash(f);
    assertTrue(h.pdq().isEmpty());
    assertEquals(FileDigests.of(junk).md5Hex(), h.digests().md5Hex());
  }

  @Test
  void webp_isDecodedDirectly() throws Exception {
    PdqHash h = FileHasher.create().hash(vector("modes-PA.webp")).pdq().orElseThrow().hash();
    assertTrue(h.distance(PdqHash.fromHex(ORIGINAL_PDQ)) <= 10, h.toHex());
  }

  @Test
  void video_getsVpdqOnlyWhenAsked() throws Exception {
    Path mp4 = Path.of(FileHasherTest.class.getResource("/vpdq/videos/test-padded-dimensions.mp4").toURI());
    FileHashes plain = FileHasher.create().hash(mp4);
    assertTrue(plain.video().isEmpty());
    assertTrue(plain.videoFormat().isEmpty(), "a hasher without videos does not decode them");
    FileHashes h = FileHasher.create().withVideos(1, VideoLimits.defaults()).hash(mp4);
    assertEquals(plain.digests().sha256Hex(), h.digests().sha256Hex());
    assertEquals(VideoFormat.MP4, h.videoFormat().orElseThrow());
    assertEquals(5, h.video().orElseThrow().hashes().frames().size(), "5 s at one hash a second");
    assertTrue(h.pdq().isEmpty());
  }

  @Test
  void animatedGif_getsPdqOfTheFirstFrame_andVpdq() throws Exception {
    Path gif = dir.resolve("anim.gif");
    Files.write(gif, VideoFormatTest.gif(3));
    FileHashes h = FileHasher.create().withVideos(0, VideoLimits.defaults()).hash(gif);
    assertTrue(h.pdq().isPresent());
    assertEquals(VideoFormat.ANIMATED_GIF, h.videoFormat().orElseThrow());
    assertEquals(3, h.video().orElseThrow().hashes().frames().size());
  }
}
