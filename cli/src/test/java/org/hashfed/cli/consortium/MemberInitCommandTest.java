package org.hashfed.cli.consortium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hashfed.cli.CliRun;
import org.hashfed.protocol.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberInitCommandTest {

  @TempDir Path dir;


  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path config(String member) throws Exception {
    Path c = dir.resolve(member + ".yaml");
    Files.writeString(c, "member: " + member + "\ndata: " + dir.resolve(member)
        + "\npeer: {host: 127.0.0.1, port: 9911}\n");
    return c;
  }

  private static String fingerprint(String out) {
    Matcher m = Pattern.compile("SHA-256 ([0-9a-f:]+)").matcher(out);
    assertTrue(m.find(), out);
    return m.group(1).replace(":", "");
  }

  @Test
  void init_createsKeysTheMemberFileCanBeExportedFrom() throws Exception {
    CliRun r = run("member", "init", "--config", config("acme").toString());

    assertEquals(0, r.status(), r.out() + r.err());
    Path key = dir.resolve("acme/member.key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertTrue(r.out().contains("peer URL     https://127.0.0.1:9911"), r.out());
    CliRun export = run("member", "export", "--key", key.toString(), "--id", "acme", "--name", "Acme",
        "--peer-url", "https://127.0.0.1:9911", "--tls-cert", dir.resolve("acme/tls.crt").toString());
    assertEquals(0, export.status(), export.err());
    JsonNode file = Json.mapper().readTree(export.out());
    assertEquals(fingerprint(r.out()), file.path("tls_fingerprint").asText().replace(":", "").toLowerCase(),
        export.out());
  }

  @Test
  void init_twice_keepsTheKeys() throws Exception {
    Path c = config("beta");
    CliRun first = run("member", "init", "--config", c.toString());
    byte[] key = Files.readAllBytes(dir.resolve("beta/member.key"));

    CliRun second = run("member", "init", "--config", c.toString());

    assertEquals(0, second.status(), second.err());
    assertTrue(second.out().contains("(kept)"), second.out());
    assertEquals(fingerprint(first.out()), fingerprint(second.out()));
    assertEquals(new String(key), Files.readString(dir.resolve("beta/member.key")));
  }

  @Test
  void init_withInvalidMemberId_exits2() throws Exception {
    Path c = dir.resolve("bad.yaml");
    Files.writeString(c, "member: Not_An_Id\ndata: " + dir.resolve("bad") + "\n");

    CliRun r = run("member", "init", "--config", c.toString());

    assertEquals(2, r.status(), r.out() + r.err());
    assertTrue(r.err().contains("Not_An_Id"), r.err());
  }
}
