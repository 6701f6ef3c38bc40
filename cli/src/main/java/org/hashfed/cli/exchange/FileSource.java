package org.hashfed.cli.exchange;

import org.hashfed.cli.staff.CsvLine;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/**
 * A signal file read in pages of {@link #PAGE_LINES} lines, each line one record checked whole.
 * Files have no ids, so a record's key is its signal ({@code md5:<hex>}, {@code vpdq:<digest>});
 * an HMA line's is its bank, content id and signal type. With {@code retractMissing}, a last page
 * retracts what earlier imports of the file submitted and the file no longer holds, as
 * python-threatexchange treats a {@code local_file} (the file is the whole current list).
 */
final class FileSource implements Source {

  static final int PAGE_LINES = 1000;
  /** Longest line: a vPDQ signal string of the most frames a signal may have, with room to spare. */
  static final int MAX_LINE_CHARS = 1 << 20;

  private final Path file;
  private final FileFormat format;
  private final ItemFactory items;
  private final BufferedReader reader;
  private final Map<String, ImportState.Imported> imported;
  private final boolean retractMissing;
  private final Set<String> seen = new HashSet<>();
  private int lineNumber;
  private boolean header = true;
  private boolean eof;
  private boolean retractionsDone;
  private boolean tooLong;

  private FileSource(Path file, FileFormat format, ItemFactory items, BufferedReader reader,
      Map<String, ImportState.Imported> imported, boolean retractMissing) {
    this.file = file;
    this.format = format;
    this.items = items;
    this.reader = reader;
    this.imported = imported;
    this.retractMissing = retractMissing;
  }

  /**
   * @param imported the record keys earlier imports of this file submitted, for {@code retractMissing}
   */
  static FileSource open(Path file, FileFormat format, ItemFactory items, Map<String, ImportState.Imported> imported,
      boolean retractMissing) throws CommandError {
    if (!Files.isRegularFile(file)) {
      throw CommandError.of(ExitCodes.USAGE, file + " is not a file" + (Files.exists(file) ? "" : " (it does not exist)"));
    }
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)));
      return new FileSource(file, format, items, r, Map.copyOf(imported), retractMissing);
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
    }
  }

  @Override
  public Optional<SourcePage> next() throws CommandError {
    if (eof) {
      return retractionPage();
    }
    List<SourceItem> list = new ArrayList<>();
    List<SourcePage.Malformed> malformed = new ArrayList<>();
    Map<String, Integer> unsupported = new TreeMap<>();
    int read = 0;
    try {
      while (read < PAGE_LINES) {
        String line = readLine();
        if (line == null) {
          eof = true;
          break;
        }
        lineNumber++;
        if (tooLong) {
          malformed.add(new SourcePage.Malformed(file + ":" + lineNumber, "line of more than " + MAX_LINE_CHARS
              + " characters, over the limit"));
          continue;
        }
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        if (header && format == FileFormat.DATASET_CSV && t.toLowerCase(Locale.ROOT).startsWith("signal_type,")) {
          header = false;
          continue;
        }
        header = false;
        read++;
        try {
          for (SourceItem item : parse(t, unsupported)) {
            seen.add(item.key());
            list.add(item);
          }
        } catch (IllegalArgumentException e) {
          malformed.add(new SourcePage.Malformed(file + ":" + lineNumber, e.getMessage()));
        }
      }
    } catch (CharacterCodingException e) {
      throw CommandError.of(ExitCodes.USAGE, file + ":" + (lineNumber + 1) + " is not UTF-8 text; nothing after line "
          + lineNumber + " was read");
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.USAGE, "cannot read " + file + " after line " + lineNumber + ": " + e.getMessage());
    }
    if (read == 0 && list.isEmpty() && malformed.isEmpty()) {
      return retractionPage();
    }
    return Optional.of(new SourcePage(list, malformed, unsupported, Optional.empty()));
  }

  /**
   * The next line without its line end, or null at the end of the file. At most
   * {@link #MAX_LINE_CHARS} characters are kept: the rest of a longer line is read past and
   * {@link #tooLong} set, so that no line of a hostile file fills the memory.
   */
  private String readLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    tooLong = false;
    boolean any = false;
    int c;
    while ((c = reader.read()) != -1) {
      any = true;
      if (c == '\n') {
        break;
      }
      if (sb.length() < MAX_LINE_CHARS) {
        sb.append((char) c);
      } else {
        tooLong = true;
      }
    }
    if (!any) {
      return null;
    }
    int end = sb.length();
    return end > 0 && sb.charAt(end - 1) == '\r' ? sb.substring(0, end - 1) : sb.toString();
  }

  private Optional<SourcePage> retractionPage() {
    if (!retractMissing || retractionsDone) {
      return Optional.empty();
    }
    retractionsDone = true;
    List<SourceItem> gone = new ArrayList<>();
    for (String key : new TreeMap<>(imported).keySet()) {
      if (!seen.contains(key)) {
        gone.add(SourceItem.deletion(key));
      }
    }
    return gone.isEmpty() ? Optional.empty() : Optional.of(new SourcePage(gone, List.of(), Map.of(), Optional.empty()));
  }

  private List<SourceItem> parse(String line, Map<String, Integer> unsupported) {
    return switch (format) {
      case LOCAL_FILE -> localFile(line, unsupported);
      case DATASET_CSV -> datasetCsv(line, unsupported);
      case HMA -> hma(line, unsupported);
    };
  }

  private String where() {
    return file.getFileName() + " line " + lineNumber;
  }

  private List<SourceItem> localFile(String line, Map<String, Integer> unsupported) {
    int space = line.indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException("expected '<signal_type> <signal>' such as 'pdq f8f8f0ce...', got one word");
    }
    String typeName = line.substring(0, space);
    Optional<SignalType> type = PytxTypes.parse(typeName);
    if (type.isEmpty()) {
      unsupported.merge(typeName, 1, Integer::sum);
      return List.of();
    }
    Signal s = PytxTypes.signal(type.get(), line.substring(space + 1));
    return List.of(items.upsert(s.toString(), s, List.of(), "python-threatexchange local_file " + where()));
  }

  private List<SourceItem> datasetCsv(String line, Map<String, Integer> unsupported) {
    List<String> f = CsvLine.split(line);
    if (f.size() != 5) {
      throw new IllegalArgumentException(f.size() + " fields: expected signal_type,signal_str,collab,category,tags");
    }
    Optional<SignalType> type = PytxTypes.parse(f.get(0).strip());
    if (type.isEmpty()) {
      unsupported.merge(f.get(0).strip(), 1, Integer::sum);
      return List.of();
    }
    Signal s = PytxTypes.signal(type.get(), f.get(1));
    String category = f.get(3).strip();
    if (!category.matches("NEGATIVE_CLASS|INVESTIGATION_SEED|POSITIVE_CLASS|")) {
      throw new IllegalArgumentException("category \"" + Records.abbreviate(category) + "\": expected NEGATIVE_CLASS, "
          + "INVESTIGATION_SEED or POSITIVE_CLASS");
    }
    if (category.equals("NEGATIVE_CLASS")) {
      return List.of(SourceItem.deletion(s.toString()));
    }
    List<Label> labels = new ArrayList<>();
    for (String tag : f.get(4).strip().split("\\s+")) {
      ItemFactory.labelOfTag(tag).ifPresent(labels::add);
    }
    String collab = f.get(2).strip();
    return List.of(items.upsert(s.toString(), s, labels, "threatexchange dataset " + where()
        + (collab.isEmpty() ? "" : ", collaboration " + Records.abbreviate(collab))
        + (category.isEmpty() ? "" : ", " + category)));
  }

  private List<SourceItem> hma(String line, Map<String, Integer> unsupported) {
    JsonNode o;
    try {
      o = Json.readTree(line.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + Records.abbreviate(String.valueOf(e.getMessage())));
    }
    if (!o.isObject()) {
      throw new IllegalArgumentException("expected a JSON object of HMA bank content {\"id\", \"bank\", \"signals\", ...}");
    }
    String id = Records.id(o, "id");
    String bank = Records.text(o.path("bank"), "name");
    if (!bank.matches("[A-Z_][A-Z0-9_]{0,99}")) {
      throw new IllegalArgumentException("bank name \"" + Records.abbreviate(bank) + "\" is not an HMA bank name "
          + "([A-Z_][A-Z0-9_]*)");
    }
    JsonNode signals = o.get("signals");
    if (signals == null || !signals.isObject() || signals.isEmpty()) {
      throw new IllegalArgumentException("field \"signals\" is missing or empty: export bank content with "
          + "include_signals=true");
    }
    JsonNode disabled = o.get("disable_until_ts");
    boolean deleted = disabled != null && disabled.isIntegralNumber() && disabled.asLong() == 0;
    List<Label> labels = new ArrayList<>();
    ItemFactory.tagLabel("hma-bank", bank).ifPresent(labels::add);
    JsonNode metaLabels = o.path("metadata").path("json").path("labels");
    for (JsonNode l : metaLabels) {
      if (!l.isTextual()) {
        throw new IllegalArgumentException("metadata.json.labels holds " + Records.abbreviate(l.toString())
            + " (expected label strings)");
      }
      labels.add(Label.parse(l.asText()));
    }
    List<SourceItem> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = signals.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Optional<SignalType> type = PytxTypes.parse(e.getKey());
      if (type.isEmpty()) {
        unsupported.merge(e.getKey(), 1, Integer::sum);
        continue;
      }
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException("signals." + e.getKey() + " is " + Records.abbreviate(e.getValue().toString())
            + " (expected the signal string)");
      }
      String key = "hma:" + bank + ":" + id + ":" + PytxTypes.name(type.get());
      if (deleted) {
        out.add(SourceItem.deletion(key));
        continue;
      }
      Signal s = PytxTypes.signal(type.get(), e.getValue().asText());
      out.add(items.upsert(key, s, labels, "HMA bank " + bank + " content " + id));
    }
    return out;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      // a file opened for reading only: nothing to lose
    }
  }
}
