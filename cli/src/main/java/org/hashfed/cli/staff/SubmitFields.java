package org.hashfed.cli.staff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/** What {@code --label}, {@code --incident}, {@code --note} and {@code --expires} give every submission, validated once. */
final class SubmitFields {

  private final List<Label> labels;
  private final Optional<String> incident;
  private final Optional<String> note;
  private final Optional<Instant> expiresAt;
  private final Integer pdqQuality;

  private SubmitFields(List<Label> labels, Optional<String> incident, Optional<String> note, Optional<Instant> expiresAt,
      Integer pdqQuality) {
    this.labels = labels;
    this.incident = incident;
    this.note = note;
    this.expiresAt = expiresAt;
    this.pdqQuality = pdqQuality;
  }

  /** Parses the options; labels may be empty (bulk lines can bring their own). */
  static SubmitFields parse(List<String> labelArgs, String incident, String note, String expires, Integer pdqQuality,
      Instant now) throws CommandError {
    if (pdqQuality != null && (pdqQuality < 0 || pdqQuality > 100)) {
      throw CommandError.of(ExitCodes.USAGE, "invalid --pdq-quality " + pdqQuality + ": expected 0 to 100");
    }
    List<Label> labels = new ArrayList<>();
    try {
      for (String l : labelArgs) {
        labels.add(Label.parse(l.strip()));
      }
      Optional<Instant> exp = expires == null ? Optional.empty() : Optional.of(Expiry.parse(expires, now));
      SubmitFields f = new SubmitFields(List.copyOf(labels), Optional.ofNullable(incident), Optional.ofNullable(note),
          exp, pdqQuality);
      // Validates incident and note once, with a placeholder signal, before any file is hashed.
      f.with(Signal.parse("md5", "0".repeat(32)), labels.isEmpty()
          ? List.of(Label.parse("placeholder:label")) : labels, Optional.empty(), Optional.empty());
      return f;
    } catch (IllegalArgumentException e) {
      throw CommandError.of(ExitCodes.USAGE, e.getMessage());
    }
  }

  List<Label> labels() {
    return labels;
  }

  /** A submission of {@code signal} with the options' fields. */
  Submit submit(Signal signal) {
    return with(signal, labels, Optional.empty(), Optional.empty());
  }

  /** A submission where a bulk line's own labels, incident and note win over the options. */
  Submit with(Signal signal, List<Label> lineLabels, Optional<String> lineIncident, Optional<String> lineNote) {
    if (signal.type() == SignalType.PDQ && signal.quality().isEmpty()) {
      if (pdqQuality == null) {
        throw new IllegalArgumentException("pdq " + signal.value() + " has no quality, and nodes refuse a pdq without "
            + "one: give it (pdq:<hex>:<quality> with --signal, a third word in te lines, \"quality\" in ndjson), "
            + "or --pdq-quality N when the hashes' quality was checked where they were made");
      }
      signal = Signal.pdq(signal.value(), pdqQuality);
    }
    if (signal.quality().isPresent() && signal.quality().getAsInt() < PdqResult.MIN_SHAREABLE_QUALITY) {
      throw new IllegalArgumentException(SubmitCommand.lowQuality(signal.quality().getAsInt()));
    }
    List<Label> l = lineLabels.isEmpty() ? labels : lineLabels;
    if (l.isEmpty()) {
      throw new IllegalArgumentException("no labels: give them on the line or with --label, e.g. "
          + "--label behavior:glorification");
    }
    return new Submit(signal, l, lineIncident.or(() -> incident), lineNote.or(() -> note), expiresAt);
  }
}
