package org.hashfed.node.api;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hashfed.protocol.filehash.FileDigests;
import org.hashfed.protocol.pdq.ImageDecodeException;
import org.hashfed.protocol.pdq.ImageFormat;
import org.hashfed.protocol.pdq.ImageLoader;
import org.hashfed.protocol.pdq.PdqHasher;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/**
 * The signals the node computes from an uploaded file: md5 and sha256 of its bytes always, and PDQ
 * when its magic bytes announce an image that decodes. A file that claims to be an image but does
 * not decode still yields its digests, with the decode problem reported instead of PDQ.
 */
final class FileSignals {

  /** What became of PDQ for this file. */
  enum PdqStatus {
    HASHED, NOT_AN_IMAGE, UNDECODABLE;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final FileDigests digests;
  private final ImageFormat format;
  private final PdqResult pdq;
  private final String pdqProblem;

  private FileSignals(FileDigests digests, ImageFormat format, PdqResult pdq, String pdqProblem) {
    this.digests = digests;
    this.format = format;
    this.pdq = pdq;
    this.pdqProblem = pdqProblem;
  }

  /** Hashes bytes held in memory (a raw request body). Blocking: call on a worker thread. */
  static FileSignals of(byte[] content) {
    FileDigests digests = FileDigests.of(content);
    Optional<ImageFormat> format = ImageFormat.sniff(content, Math.min(content.length, ImageFormat.HEADER_BYTES));
    if (format.isEmpty()) {
      return new FileSignals(digests, null, null, null);
    }
    try {
      return new FileSignals(digests, format.get(), new PdqHasher().hash(ImageLoader.read(content)), null);
    } catch (ImageDecodeException e) {
      return new FileSignals(digests, format.get(), null, e.getMessage());
    }
  }

  /** Hashes a file on disk (a multipart upload), streaming it. Blocking: call on a worker thread. */
  static FileSignals of(Path file) throws IOException {
    FileDigests digests = FileDigests.of(file);
    byte[] header = new byte[ImageFormat.HEADER_BYTES];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(header, 0, header.length);
    }
    Optional<ImageFormat> format = ImageFormat.sniff(header, n);
    if (format.isEmpty()) {
      return new FileSignals(digests, null, null, null);
    }
    try {
      return new FileSignals(digests, format.get(), new PdqHasher().hash(ImageLoader.read(file)), null);
    } catch (ImageDecodeException e) {
      return new FileSignals(digests, format.get(), null, e.getMessage());
    }
  }

  PdqStatus pdqStatus() {
    if (pdq != null) {
      return PdqStatus.HASHED;
    }
    return format == null ? PdqStatus.NOT_AN_IMAGE : PdqStatus.UNDECODABLE;
  }

  /** md5, sha256, then pdq (with its quality) when the file hashed as an image. */
  List<Signal> signals() {
    List<Signal> out = new ArrayList<>(3);
    out.add(Signal.create(SignalType.MD5, digests.md5Hex(), null));
    out.add(Signal.create(SignalType.SHA256, digests.sha256Hex(), null));
    if (pdq != null) {
      out.add(Signal.create(SignalType.PDQ, pdq.hash().toHex(), pdq.quality()));
    }
    return out;
  }

  /** The {@code file} object of the response: size, image format and what became of PDQ. */
  JsonObject toJson() {
    JsonObject o = new JsonObject().put("bytes", digests.bytes());
    if (format != null) {
      o.put("image_format", format.name().toLowerCase(Locale.ROOT));
    }
    o.put("pdq", pdqStatus().wireName());
    if (pdqProblem != null) {
      o.put("pdq_problem", pdqProblem);
    }
    return o;
  }
}
