package org.hashfed.node.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One commit of a node as a read follower copies it: the puts and deletes it made to the
 * replicated families, in the order of the batch.
 *
 * <p>Layout of an encoded change: a 4-byte op count, then per op one byte of family code, a 4-byte
 * key length and the key, a 4-byte value length (-1 for a delete) and the value; big-endian.
 */
public final class Change {

  /** Largest encoded change a follower accepts; a commit is far smaller (a batch of a few thousand entries). */
  public static final int MAX_BYTES = 64 << 20;

  /** Where a follower stands in a node's change log: which log (its epoch) and the last change applied. */
  public record Position(long epoch, long seq) {}

  /** A put ({@code value} present) or a delete of {@code key} in the family named {@code family}. */
  public record Op(String family, byte[] key, Optional<byte[]> value) {

    /** The member of a feed-ordered key (families feeds and replay). */
    public String feedMember() {
      requireFeedKey();
      return Keys.feedMember(key);
    }

    /** The seq of a feed-ordered key (families feeds and replay). */
    public long feedSeq() {
      requireFeedKey();
      return Keys.feedSeq(key);
    }

    /** The metadata key of an op on family meta. */
    public String metaKey() {
      return new String(key, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void requireFeedKey() {
      if (key.length < Long.BYTES + 2 || key[key.length - Long.BYTES - 1] != 0) {
        throw new IllegalArgumentException("key of " + key.length + " bytes in family " + family
            + " (expected: member, 0x00, 8-byte seq)");
      }
    }
  }

  private final long seq;
  private final List<Op> ops;

  private Change(long seq, List<Op> ops) {
    this.seq = seq;
    this.ops = List.copyOf(ops);
  }

  /** This change's position in the node's change log, from 1. */
  public long seq() {
    return seq;
  }

  /** The ops in batch order. */
  public List<Op> ops() {
    return ops;
  }

  /** This change's position with {@code ops} instead: what a follower applies of it. */
  public Change withOps(List<Op> ops) {
    return new Change(seq, ops);
  }

  /** The families a change may touch: what a follower needs to serve the platform API. */
  static boolean replicated(Family f) {
    return switch (f) {
      case ENVELOPES, FEEDS, SIGNALS, REFS, REPLAY, EVENTS, META -> true;
      default -> false;
    };
  }

  /** The ops {@code w} holds, as a change names them (its appended events aside). */
  public static List<Op> ops(StoreWrite w) {
    List<Op> out = new ArrayList<>(w.ops().size());
    for (StoreWrite.Op op : w.ops()) {
      out.add(new Op(name(op.family()), op.key().clone(), Optional.ofNullable(op.value()).map(byte[]::clone)));
    }
    return out;
  }

  private static String name(Family f) {
    return f.name().toLowerCase(java.util.Locale.ROOT);
  }

  static byte[] encode(List<StoreWrite.Op> ops) {
    int size = Integer.BYTES;
    for (StoreWrite.Op op : ops) {
      size += 1 + 2 * Integer.BYTES + op.key().length + (op.value() == null ? 0 : op.value().length);
    }
    ByteBuffer out = ByteBuffer.allocate(size).putInt(ops.size());
    for (StoreWrite.Op op : ops) {
      out.put((byte) op.family().ordinal()).putInt(op.key().length).put(op.key());
      if (op.value() == null) {
        out.putInt(-1);
      } else {
        out.putInt(op.value().length).put(op.value());
      }
    }
    return out.array();
  }

  /**
   * Decodes change {@code seq} as the leader sent it.
   *
   * @throws IllegalArgumentException when the bytes are not a change of replicated families
   */
  public static Change decode(long seq, byte[] bytes) {
    if (seq < 1) {
      throw new IllegalArgumentException("change seq " + seq + " (expected: >= 1)");
    }
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("change " + seq + " of " + bytes.length + " bytes (expected: at most "
          + MAX_BYTES + ")");
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int count = in.getInt();
      if (count < 0 || count > bytes.length) {
        throw new IllegalArgumentException("change " + seq + " claims " + count + " ops in " + bytes.length + " bytes");
      }
      List<Op> ops = new ArrayList<>(count);
      Family[] families = Family.values();
      for (int i = 0; i < count; i++) {
        int code = in.get() & 0xff;
        if (code >= families.length || !replicated(families[code])) {
          throw new IllegalArgumentException("change " + seq + " op " + i + " names family code " + code
              + " (expected: one of the replicated families)");
        }
        byte[] key = bytes(in, in.getInt(), seq, i);
        int valueLength = in.getInt();
        Optional<byte[]> value = valueLength == -1 ? Optional.empty() : Optional.of(bytes(in, valueLength, seq, i));
        ops.add(new Op(name(families[code]), key, value));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("change " + seq + " has " + in.remaining() + " bytes after its last op");
      }
      return new Change(seq, ops);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("change " + seq + " is truncated", e);
    }
  }

  private static byte[] bytes(ByteBuffer in, int length, long seq, int op) {
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("change " + seq + " op " + op + " has a length of " + length + " with "
          + in.remaining() + " bytes left");
    }
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  static Family family(Op op) {
    return Family.valueOf(op.family().toUpperCase(java.util.Locale.ROOT));
  }
}
