package org.hashfed.cli.exchange;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The file formats {@code hashfed import file} reads and {@code hashfed export} writes. */
enum FileFormat {
  /** python-threatexchange's {@code local_file} exchange: {@code <signal_type> <signal>} lines. */
  LOCAL_FILE("local_file", "local-file"),
  /** {@code threatexchange dataset --csv}: {@code signal_type,signal_str,collab,category,tags}. */
  DATASET_CSV("dataset-csv", "dataset-csv"),
  /** HMA bank content as {@code GET /c/bank/<bank>/content/<id>?include_signals=true} answers it, one JSON object a line. */
  HMA("hma", "hma");

  private final String cliName;
  private final String sourceName;

  FileFormat(String cliName, String sourceName) {
    this.cliName = cliName;
    this.sourceName = sourceName;
  }

  String cliName() {
    return cliName;
  }

  /** The name in the {@code source:} label of imported entries. */
  String sourceName() {
    return sourceName;
  }

  static Optional<FileFormat> parse(String name) {
    return Arrays.stream(values()).filter(f -> f.cliName.equals(name.toLowerCase(Locale.ROOT))).findFirst();
  }

  /** The format a file name suggests: {@code .csv} and {@code .jsonl}/{@code .ndjson}, else local_file. */
  static FileFormat ofFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv")) {
      return DATASET_CSV;
    }
    return n.endsWith(".jsonl") || n.endsWith(".ndjson") ? HMA : LOCAL_FILE;
  }

  static String names() {
    return Arrays.stream(values()).map(FileFormat::cliName).collect(Collectors.joining(", "));
  }
}
