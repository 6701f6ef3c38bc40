package org.hashfed.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hashfed.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @TempDir Path tmp;


  private static CliRun demo(String... args) {
    return CliRun.of(args);
  }

  @Test
  void noWait_walksTheWholeStory_andExitsZero() {
    Path dir = tmp.resolve("demo");
    CliRun r = demo("demo", "--no-wait", "--dir", dir.toString());

    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("Every step succeeded."), r.out());
    for (String member : new String[] {"beta", "gamma"}) {
      assertTrue(Pattern.compile(member + " +matchable \\d+ ms after").matcher(r.out()).find(), r.out());
    }
    Matcher distance = Pattern.compile("distance (\\d+) of 256 \\(threshold 31\\)").matcher(r.out());
    assertTrue(distance.find(), r.out());
    assertTrue(Integer.parseInt(distance.group(1)) <= 31);
    Matcher confidence = Pattern.compile("confidence in the match: ([0-9.]+) -> ([0-9.]+)").matcher(r.out());
    assertTrue(confidence.find(), r.out());
    assertTrue(Double.parseDouble(confidence.group(2)) < Double.parseDouble(confidence.group(1)), r.out());
    assertTrue(r.out().contains("OK: the log holds"), r.out());
    assertTrue(r.out().contains("disagree (false_positive)"), r.out());
    assertFalse(r.out().contains("Ctrl-C"), "--no-wait does not offer to wait: " + r.out());
    assertTrue(Files.isRegularFile(dir.resolve("bridge-resized.jpg")));
    assertTrue(Files.isRegularFile(dir.resolve("chair-letterboxed.mp4")));
    Matcher video = Pattern.compile("(\\d+)% of the copy's frames, \\d+% of the video's, via content hashes")
        .matcher(r.out());
    assertTrue(video.find(), r.out());
    assertTrue(Integer.parseInt(video.group(1)) >= 80, r.out());
    assertTrue(Pattern.compile("webhook received retro.match \\d+ ms after acme's submission: upload-4711 matches")
        .matcher(r.out()).find(), r.out());
    assertTrue(r.out().contains("signature verified"), r.out());
  }

  @Test
  void dirWithOtherFiles_isRefusedAndKept() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("precious"));
    Files.writeString(dir.resolve("notes.txt"), "mine");

    CliRun r = demo("demo", "--no-wait", "--dir", dir.toString());

    assertEquals(2, r.status(), r.out() + r.err());
    assertTrue(r.err().contains("is not empty and was not made by hashfed demo"), r.err());
    assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
  }
}
