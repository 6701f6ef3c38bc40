package org.hashfed.protocol.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a bundle file: the leaves are base64 strings, and anything else is refused by its position. */
class AuditBundleTest {

  @TempDir Path dir;

  private Path bundle(String entries) throws IOException {
    Path file = dir.resolve("bundle.json");
    Files.writeString(file, "{\"format\": \"" + AuditBundle.FORMAT + "\", \"checkpoint\": \"x\", \"roster\": [], "
        + "\"entries\": [" + entries + "]}", StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void read_ofBase64Entries_givesTheLeaves() throws Exception {
    AuditBundle b = AuditBundle.read(bundle("\"AAEC\", \"\""));
    assertEquals(2, b.leaves(0, 2).size());
    assertEquals(3, b.leaves(0, 2).get(0).length);
    assertEquals(0, b.leaves(0, 2).get(1).length);
  }

  @Test
  void read_withAnEntryThatIsNotAString_throwsNamingIt() throws Exception {
    for (String entry : new String[] {"null", "1234", "{}", "[\"AAEC\"]"}) {
      Path file = bundle("\"AAEC\", " + entry);
      IOException e = assertThrows(IOException.class, () -> AuditBundle.read(file), entry);
      assertTrue(e.getMessage().contains("entry 1 is a JSON") && e.getMessage().contains("(expected: a base64 string)"),
          e.getMessage());
    }
  }

  @Test
  void read_withFieldsInAnotherOrder_andUnknownFields_givesTheLeaves(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reordered.json");
    Files.writeString(file, "{\"entries\": [\"AAEC\"], \"extra\": {\"a\": [1, 2]}, \"roster\": [], "
        + "\"checkpoint\": \"x\", \"format\": \"" + AuditBundle.FORMAT + "\"}", StandardCharsets.UTF_8);
    AuditBundle b = AuditBundle.read(file);
    assertEquals(1, b.leaves(0, 5).size());
    assertEquals("x", b.checkpoint());
  }

  @Test
  void read_withTrailingData_orADuplicateKey_orNoFormat_throwsNamingTheFile(@TempDir Path dir) throws Exception {
    String body = "\"checkpoint\": \"x\", \"roster\": [], \"entries\": []";
    String[] bad = {"{\"format\": \"" + AuditBundle.FORMAT + "\", " + body + "} {}",
        "{\"format\": \"" + AuditBundle.FORMAT + "\", \"checkpoint\": \"y\", " + body + "}",
        "{" + body + "}", "[]"};
    for (String text : bad) {
      Path file = dir.resolve("bad.json");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      IOException e = assertThrows(IOException.class, () -> AuditBundle.read(file), text);
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
  }
}
