package org.hashfed.protocol.entry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hashfed.protocol.signal.Signal;

/**
 * Shares a signal: the hash, 1 to 16 labels (stored sorted), an optional incident id, an optional
 * note of at most 1 KiB of UTF-8 and an optional expiry.
 */
public record Submit(Signal signal, List<Label> labels, Optional<String> incident, Optional<String> note,
    Optional<Instant> expiresAt) implements EntryBody {

  private static final Pattern INCIDENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** Validates every field; labels are copied and sorted. */
  public Submit {
    Objects.requireNonNull(signal, "signal");
    labels = Labels.check(labels);
    incident = Objects.requireNonNull(incident, "incident").map(Submit::checkIncident);
    note = Objects.requireNonNull(note, "note").map(n -> Text.note(n, "note"));
    expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").map(t -> EntryTime.check(t, "expires_at"));
  }

  /** A submit with only a signal and labels. */
  public static Submit of(Signal signal, List<Label> labels) {
    return new Submit(signal, labels, Optional.empty(), Optional.empty(), Optional.empty());
  }

  static String checkIncident(String incident) {
    return Text.matching(incident, INCIDENT, 64, "incident id",
        "1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
  }

  /** This submit with an incident id. */
  public Submit withIncident(String incidentId) {
    return new Submit(signal, labels, Optional.of(incidentId), note, expiresAt);
  }

  /** This submit with a note. */
  public Submit withNote(String text) {
    return new Submit(signal, labels, incident, Optional.of(text), expiresAt);
  }

  /** This submit with an expiry time. */
  public Submit withExpiresAt(Instant time) {
    return new Submit(signal, labels, incident, note, Optional.of(time));
  }

  @Override
  public EntryKind kind() {
    return EntryKind.SUBMIT;
  }
}
