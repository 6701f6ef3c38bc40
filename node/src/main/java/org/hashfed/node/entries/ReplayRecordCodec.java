package org.hashfed.node.entries;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.vpdq.VideoHashes;

/**
 * The binary layout of a replay record, the value of the store's {@code replay} column family
 * (its key, member and seq, is the feed key). Format 1, numbers big-endian:
 *
 * <pre>
 * u8 format (1) | u8 kind | 32 entry id | i64 time (epoch seconds) | by kind:
 *   submit (1):  u8 signal type (1 pdq, 2 md5, 3 sha256, 4 vpdq) | value (32, 16, 32 bytes; for
 *                vpdq u32 length and the binary form of its hashes, the value being their digest)
 *                | u8 pdq quality (0..100, 255 none) | labels | u8 flags (1 incident, 2 expiry)
 *                | [u8 length, incident] | [i64 expires_at]
 *   retract (2): 32 target id
 *   opinion (3): 32 target id | u8 stance (1 agree, 2 disagree) | u8 length, target member
 *   relabel (4): 32 target id | labels
 * labels: u8 count | per label: u8 length, UTF-8 text
 * </pre>
 *
 * <p>Text fields were validated when the entry was accepted and are all ASCII patterns of at most
 * 128 characters, so one length byte is enough.
 */
final class ReplayRecordCodec {

  /** The format this code writes and reads; a store with records of another format rebuilds them. */
  static final int FORMAT = 1;

  private static final int ID_BYTES = 32;
  private static final int NO_QUALITY = 255;
  private static final int HAS_INCIDENT = 1;
  private static final int HAS_EXPIRY = 2;
  private static final int MAX_CACHED_LABEL_SETS = 4096;

  private ReplayRecordCodec() {}

  /** A replay record that cannot be read: another format, truncated or inconsistent bytes. */
  static final class UnreadableRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableRecordException(String message) {
      super(message);
    }
  }

  /** The bytes of {@code r}; its member and seq go in the key. */
  static byte[] encode(ReplayRecord r) {
    ByteBuffer b = ByteBuffer.allocate(size(r));
    b.put((byte) FORMAT).put((byte) kind(r.body())).put(r.id().bytes()).putLong(r.time().getEpochSecond());
    if (r.body() instanceof ReplayRecord.Submitted s) {
      b.put((byte) signalCode(s.signal().type()));
      if (s.signal().video().isPresent()) {
        byte[] hashes = s.signal().video().get().encoded();
        b.putInt(hashes.length).put(hashes);
      } else {
        b.put(HexFormat.of().parseHex(s.signal().value()));
      }
      b.put((byte) s.signal().quality().orElse(NO_QUALITY));
      putLabels(b, s.labels());
      b.put((byte) ((s.incident().isPresent() ? HAS_INCIDENT : 0) | (s.expiresAt().isPresent() ? HAS_EXPIRY : 0)));
      s.incident().ifPresent(i -> putText(b, i));
      s.expiresAt().ifPresent(t -> b.putLong(t.getEpochSecond()));
    } else if (r.body() instanceof ReplayRecord.Retracted t) {
      b.put(t.target().bytes());
    } else if (r.body() instanceof ReplayRecord.Opined o) {
      b.put(o.target().bytes()).put((byte) (o.stance() == Stance.AGREE ? 1 : 2));
      putText(b, o.targetMember().value());
    } else {
      ReplayRecord.Relabelled l = (ReplayRecord.Relabelled) r.body();
      b.put(l.target().bytes());
      putLabels(b, l.labels());
    }
    return b.array();
  }

  private static int size(ReplayRecord r) {
    int head = 2 + ID_BYTES + Long.BYTES;
    if (r.body() instanceof ReplayRecord.Submitted s) {
      int value = s.signal().video().map(v -> Integer.BYTES + v.encoded().length)
          .orElse(s.signal().type().hexLength() / 2);
      return head + 1 + value + 1 + labelsSize(s.labels()) + 1
          + s.incident().map(i -> 1 + utf8(i).length).orElse(0) + (s.expiresAt().isPresent() ? Long.BYTES : 0);
    } else if (r.body() instanceof ReplayRecord.Opined o) {
      return head + ID_BYTES + 1 + 1 + utf8(o.targetMember().value()).length;
    } else if (r.body() instanceof ReplayRecord.Relabelled l) {
      return head + ID_BYTES + labelsSize(l.labels());
    }
    return head + ID_BYTES;
  }

  private static int labelsSize(List<Label> labels) {
    int n = 1;
    for (Label l : labels) {
      n += 1 + utf8(l.value()).length;
    }
    return n;
  }

  private static void putLabels(ByteBuffer b, List<Label> labels) {
    b.put((byte) labels.size());
    for (Label l : labels) {
      putText(b, l.value());
    }
  }

  private static void putText(ByteBuffer b, String text) {
    byte[] t = utf8(text);
    if (t.length > 255) {
      throw new IllegalArgumentException("text of " + t.length + " bytes in a replay record (expected: at most 255)");
    }
    b.put((byte) t.length).put(t);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static int kind(ReplayRecord.Body body) {
    if (body instanceof ReplayRecord.Submitted) {
      return 1;
    } else if (body instanceof ReplayRecord.Retracted) {
      return 2;
    } else if (body instanceof ReplayRecord.Opined) {
      return 3;
    }
    return 4;
  }

  private static int signalCode(SignalType type) {
    return switch (type) {
      case PDQ -> 1;
      case MD5 -> 2;
      case SHA256 -> 3;
      case VPDQ -> 4;
    };
  }

  /**
   * Reads records back. Holds caches of the member ids and label sets it has seen, so that a
   * replay of millions of records parses each distinct value once and the catalog shares them.
   * Not thread-safe: one per replay.
   */
  static final class Decoder {
    private final Map<String, MemberId> members = new HashMap<>();
    private final Map<ByteBuffer, List<Label>> labelSets = new HashMap<>();

    /**
     * The record of entry {@code seq} of {@code member}'s feed stored as {@code bytes}.
     *
     * @throws UnreadableRecordException when the bytes are not a record of {@link #FORMAT}
     */
    ReplayRecord decode(String member, long seq, byte[] bytes) throws UnreadableRecordException {
      if (bytes.length == 0 || bytes[0] != FORMAT) {
        throw new UnreadableRecordException(bytes.length == 0 ? "empty record"
            : "record format " + (bytes[0] & 0xff) + " (expected: " + FORMAT + ")");
      }
      try {
        ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        int kind = b.get();
        EntryId id = id(b);
        Instant time = Instant.ofEpochSecond(b.getLong());
        ReplayRecord.Body body = switch (kind) {
          case 1 -> submitted(b);
          case 2 -> new ReplayRecord.Retracted(id(b));
          case 3 -> opined(b);
          case 4 -> new ReplayRecord.Relabelled(id(b), labels(b));
          default -> throw new UnreadableRecordException("unknown entry kind " + kind);
        };
        if (b.hasRemaining()) {
          throw new UnreadableRecordException(b.remaining() + " bytes after the record");
        }
        return new ReplayRecord(member(member), seq, id, time, body);
      } catch (BufferUnderflowException e) {
        throw new UnreadableRecordException("record truncated at " + bytes.length + " bytes");
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        throw new UnreadableRecordException(e.getMessage());
      }
    }

    private ReplayRecord.Submitted submitted(ByteBuffer b) throws UnreadableRecordException {
      int code = b.get();
      SignalType type = switch (code) {
        case 1 -> SignalType.PDQ;
        case 2 -> SignalType.MD5;
        case 3 -> SignalType.SHA256;
        case 4 -> SignalType.VPDQ;
        default -> throw new UnreadableRecordException("unknown signal type code " + code);
      };
      Signal signal;
      if (type == SignalType.VPDQ) {
        int length = b.getInt();
        if (length < 0 || length > Math.min(b.remaining(), VideoHashes.MAX_ENCODED_BYTES)) {
          throw new UnreadableRecordException("vpdq hashes of " + length + " bytes in a record of " + b.capacity());
        }
        byte[] hashes = new byte[length];
        b.get(hashes);
        b.get();
        signal = Signal.vpdq(VideoHashes.decode(hashes));
      } else {
        byte[] value = new byte[type.hexLength() / 2];
        b.get(value);
        int quality = b.get() & 0xff;
        signal = Signal.create(type, HexFormat.of().formatHex(value), quality == NO_QUALITY ? null : quality);
      }
      List<Label> labels = labels(b);
      int flags = b.get();
      Optional<String> incident = (flags & HAS_INCIDENT) != 0 ? Optional.of(text(b)) : Optional.empty();
      Optional<Instant> expires = (flags & HAS_EXPIRY) != 0
          ? Optional.of(Instant.ofEpochSecond(b.getLong())) : Optional.empty();
      return new ReplayRecord.Submitted(signal, labels, incident, expires);
    }

    private ReplayRecord.Opined opined(ByteBuffer b) throws UnreadableRecordException {
      EntryId target = id(b);
      Stance stance = stance(b.get());
      return new ReplayRecord.Opined(target, member(text(b)), stance);
    }

    private List<Label> labels(ByteBuffer b) {
      int start = b.position();
      int count = b.get() & 0xff;
      for (int i = 0; i < count; i++) {
        int length = b.get() & 0xff;
        if (length > b.remaining()) {
          throw new BufferUnderflowException();
        }
        b.position(b.position() + length);
      }
      ByteBuffer key = ByteBuffer.wrap(b.array(), start, b.position() - start).slice();
      List<Label> cached = labelSets.get(key);
      if (cached != null) {
        return cached;
      }
      ByteBuffer read = key.duplicate();
      read.get();
      List<Label> labels = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        labels.add(Label.parse(text(read)));
      }
      List<Label> parsed = List.copyOf(labels);
      if (labelSets.size() < MAX_CACHED_LABEL_SETS) {
        labelSets.put(ByteBuffer.wrap(bytesOf(key)), parsed);
      }
      return parsed;
    }

    private MemberId member(String value) {
      return members.computeIfAbsent(value, MemberId::parse);
    }

    private static EntryId id(ByteBuffer b) {
      byte[] id = new byte[ID_BYTES];
      b.get(id);
      return EntryId.ofDigest(id);
    }

    private static Stance stance(byte code) throws UnreadableRecordException {
      return switch (code) {
        case 1 -> Stance.AGREE;
        case 2 -> Stance.DISAGREE;
        default -> throw new UnreadableRecordException("unknown stance code " + code);
      };
    }

    private static String text(ByteBuffer b) {
      byte[] t = new byte[b.get() & 0xff];
      b.get(t);
      return new String(t, StandardCharsets.UTF_8);
    }

    private static byte[] bytesOf(ByteBuffer slice) {
      byte[] out = new byte[slice.remaining()];
      slice.duplicate().get(out);
      return out;
    }
  }
}
