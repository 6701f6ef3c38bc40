package org.hashfed.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the {@code hashfed} command: its exit status and what it printed. */
public record CliRun(int status, String out, String err) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Runs {@code hashfed args...} in this JVM, capturing standard output and error. */
  public static CliRun of(String... args) {
    CommandLine cmd = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int status = cmd.execute(args);
    return new CliRun(status, out.toString(), err.toString());
  }

  /** Standard output then standard error. */
  public String all() {
    return out + err;
  }

  /** Standard output as JSON. */
  public JsonNode json() {
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
    }
  }

  @Override
  public String toString() {
    return "exit " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
  }
}
