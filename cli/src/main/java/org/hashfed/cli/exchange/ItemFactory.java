package org.hashfed.cli.exchange;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/**
 * Turns a source record into a submission: the {@code source:<name>} label, the labels of
 * {@code --label}, the record's own labels, its note, and a quality for PDQ hashes that come
 * without one (no exchange publishes it, and nodes refuse a PDQ hash without).
 */
final class ItemFactory {

  /** Most labels an entry may carry (the protocol's limit). */
  static final int MAX_LABELS = 16;

  private final Label source;
  private final List<Label> extra;
  private final int pdqQuality;

  ItemFactory(String sourceName, List<Label> extra, int pdqQuality) {
    this.source = Label.parse("source:" + sourceName);
    this.extra = List.copyOf(extra);
    this.pdqQuality = pdqQuality;
  }

  /** The {@code source:} label every entry of this import carries. */
  Label sourceLabel() {
    return source;
  }

  /**
   * A record to submit.
   *
   * @throws IllegalArgumentException naming what is wrong (too many labels, a note too long, ...)
   */
  SourceItem upsert(String key, Signal signal, Collection<Label> recordLabels, String note) {
    Set<Label> labels = new LinkedHashSet<>();
    labels.add(source);
    labels.addAll(extra);
    labels.addAll(recordLabels);
    if (labels.size() > MAX_LABELS) {
      throw new IllegalArgumentException(labels.size() + " labels (" + source + ", --label and the record's own), "
          + "over the limit of " + MAX_LABELS + " an entry may carry");
    }
    Signal s = signal.type() == SignalType.PDQ && signal.quality().isEmpty()
        ? Signal.pdq(signal.value(), pdqQuality) : signal;
    return SourceItem.upsert(key, new Submit(s, new ArrayList<>(labels), Optional.empty(), Optional.of(note),
        Optional.empty()));
  }

  /**
   * The label of a source's tag: the tag itself when it already is a label such as
   * {@code behavior:glorification} (so hashfed's own exports come back unchanged), else {@code tag:<tag>}.
   */
  static Optional<Label> labelOfTag(String tag) {
    try {
      return Optional.of(Label.parse(tag.strip()));
    } catch (IllegalArgumentException e) {
      return tagLabel("tag", tag);
    }
  }

  /**
   * A label {@code namespace:value} from a free-text tag of a source: lower case, every run of
   * characters a label cannot hold turned into one {@code -}; empty when nothing usable is left.
   */
  static Optional<Label> tagLabel(String namespace, String tag) {
    if (tag == null) {
      return Optional.empty();
    }
    StringBuilder v = new StringBuilder();
    for (char c : tag.strip().toLowerCase(Locale.ROOT).toCharArray()) {
      boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
      if (ok) {
        v.append(c);
      } else if (v.length() > 0 && v.charAt(v.length() - 1) != '-') {
        v.append('-');
      }
    }
    while (v.length() > 0 && !Character.isLetterOrDigit(v.charAt(0))) {
      v.deleteCharAt(0);
    }
    while (v.length() > 0 && v.charAt(v.length() - 1) == '-') {
      v.setLength(v.length() - 1);
    }
    int room = Label.MAX_LENGTH - namespace.length() - 1;
    if (v.length() > room) {
      v.setLength(room);
    }
    return v.length() == 0 ? Optional.empty() : Optional.of(Label.parse(namespace + ":" + v));
  }
}
