package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every problem type the node's code can send is listed in spec/openapi.yaml, and the spec lists
 * no type the code never sends: the two are read as text and compared.
 */
class ProblemTypesDocumentedTest {

  private static final Path MAIN = Path.of("src/main/java");
  private static final Path SPEC = Path.of("../spec");
  // Problem.of(404, "not-found", ...), Problem.of(status, "client-error", ...), Problem.invalid("invalid-signal", ...)
  private static final Pattern CONSTRUCTED = Pattern.compile(
      "Problem\\.(?:of|invalid)\\(\\s*(?:[A-Za-z0-9_.()]+\\s*,\\s*)?\"([a-z0-9-]+)\"\\s*,");
  // LogRoutes names its query parameters' problems after them: longParam(ctx, "start", ...) -> invalid-start
  private static final Pattern LOG_PARAM = Pattern.compile("longParam\\(ctx, \"([a-z_]+)\"");
  private static final Pattern COMPUTED =
      Pattern.compile("Problem\\.(?:of|invalid)\\(\\s*(?:[A-Za-z0-9_.()]+\\s*,\\s*)?\"[a-z0-9-]*\"\\s*\\+");
  private static final Pattern LITERAL = Pattern.compile("urn:hashfed:problem:([a-z0-9-]+)");
  private static final Pattern ENUM_ENTRY = Pattern.compile("\n\\s*- urn:hashfed:problem:([a-z0-9-]+)");

  @Test
  void problemTypesInCode_areExactlyThoseInTheOpenApiProblemSchema() {
    Set<String> code = new TreeSet<>();
    for (Path file : sources()) {
      String text = read(file);
      add(code, CONSTRUCTED.matcher(text));
      Matcher computed = COMPUTED.matcher(text);
      while (computed.find()) {
        assertTrue(file.endsWith("LogRoutes.java"), file + " builds a problem type at run time: this test cannot "
            + "enumerate it (name the slug as a literal)");
        Matcher params = LOG_PARAM.matcher(text);
        while (params.find()) {
          code.add("invalid-" + params.group(1).replace('_', '-'));
        }
      }
    }
    assertEquals(openApiTypes(), code, "problem types in spec/openapi.yaml (left) and in the node's code (right)");
  }

  @Test
  void peerPortProblemTypes_areDocumentedInTheSyncSpec() {
    Set<String> sent = new TreeSet<>();
    for (Path file : sources()) {
      if (!file.endsWith("Problem.java")) {
        add(sent, LITERAL.matcher(read(file)));
      }
    }
    Set<String> documented = new TreeSet<>();
    add(documented, LITERAL.matcher(read(SPEC.resolve("sync.md"))));
    assertEquals(Set.of("peer"), sent, "problem types written directly by the peer-port routes");
    assertTrue(documented.containsAll(sent), "spec/sync.md documents " + documented);
  }

  private static Set<String> openApiTypes() {
    String spec = read(SPEC.resolve("openapi.yaml"));
    int start = spec.indexOf("\n    Problem:\n");
    assertTrue(start > 0, "spec/openapi.yaml has a Problem schema");
    int end = spec.indexOf("\n        title:", start);
    Set<String> types = new TreeSet<>();
    add(types, ENUM_ENTRY.matcher(spec.substring(start, end)));
    return types;
  }

  private static void add(Set<String> into, Matcher m) {
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  private static List<Path> sources() {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
