package org.hashfed.node.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Formats java.util.logging records as one JSON object per line: {@code time}, {@code level},
 * {@code logger}, {@code message} and, when there is one, {@code error}.
 *
 * <p>Callers never pass keys or API keys to a logger; this formatter does not try to redact them.
 */
public final class JsonLogFormatter extends Formatter {

  /** Routes every JUL record (ours and Vert.x's) to standard error through this formatter. */
  public static void install(Level level) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setFormatter(new JsonLogFormatter());
    console.setLevel(level);
    root.addHandler(console);
    root.setLevel(level);
  }

  @Override
  public String format(LogRecord r) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"time\":\"").append(Instant.ofEpochMilli(r.getMillis())).append('"');
    field(sb, "level", r.getLevel().getName());
    field(sb, "logger", r.getLoggerName());
    field(sb, "message", formatMessage(r));
    if (r.getThrown() != null) {
      StringWriter w = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(w));
      field(sb, "error", w.toString());
    }
    return sb.append("}\n").toString();
  }

  private static void field(StringBuilder sb, String name, String value) {
    sb.append(",\"").append(name).append("\":");
    if (value == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
