package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.client.ConfigLocation;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;

/** Runs hashfed commands in-process against real nodes, with profiles in a temporary directory. */
final class StaffFixture {

  static final ObjectMapper JSON = new ObjectMapper();


  private StaffFixture() {}

  /** Points the profiles file at {@code dir}, so no test reads or writes a real home directory. */
  static void useConfigDir(Path dir) {
    System.setProperty(ConfigLocation.DIR_PROPERTY, dir.toString());
  }

  static void clearConfigDir() {
    System.clearProperty(ConfigLocation.DIR_PROPERTY);
  }

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  static Node startNode(Path dataDir, String member) {
    Node node = Node.start(NodeConfig.builder().dataDir(dataDir).member(member).port(0).peerPort(0).build());
    node.awaitReady(Duration.ofSeconds(20));
    return node;
  }

  static String url(Node node) {
    return "http://127.0.0.1:" + node.port();
  }

  /** Creates an API key with {@code role} through {@code hashfed keys create} and writes it to {@code file}. */
  static Path keyFile(Node node, Path dataDir, String role, Path file) throws IOException {
    CliRun r = run("keys", "create", "--role", role, "--node", url(node), "--admin-key-file",
        dataDir.resolve("admin.key").toString());
    if (r.status() != 0) {
      throw new AssertionError(r.toString());
    }
    Files.writeString(file, r.out());
    return file;
  }

  static Path image(String name) {
    return Path.of(System.getProperty("hashfed.repo.dir", ".."), "protocol/src/test/resources/pdq-vectors/images", name);
  }

  /** A smaller copy of an image, re-encoded: different bytes, nearly the same PDQ. */
  static Path resized(Path source, Path target, int width, int height) throws IOException {
    BufferedImage in = ImageIO.read(source.toFile());
    BufferedImage outImage = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = outImage.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(in, 0, 0, width, height, null);
    g.dispose();
    ImageIO.write(outImage, "png", target.toFile());
    return target;
  }

  /** A flat grey image: PDQ quality 0. */
  static Path flat(Path target) throws IOException {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(java.awt.Color.GRAY);
    g.fillRect(0, 0, 64, 64);
    g.dispose();
    ImageIO.write(img, "png", target.toFile());
    return target;
  }
}
