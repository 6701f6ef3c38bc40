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
import org.hashfed.protocol.pdq.ImageFormat;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.video.VideoDecodeException;

/**
 * The signals the node computes from an uploaded file: md5 and sha256 of its bytes always, PDQ
 * when its magic bytes announce an image that decodes, and vPDQ when FFmpeg decodes it as a video
 * (any file that is not an image, and GIFs). A file that does not decode still yields its digests,
 * with the decode problem reported instead of PDQ or vPDQ.
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
  private final VideoHashing.Outcome video;

  private FileSignals(FileDigests digests, ImageFormat format, PdqResult pdq, String pdqProblem,
      VideoHashing.Outcome video) {
    this.digests = digests;
    this.format = format;
    this.pdq = pdq;
    this.pdqProblem = pdqProblem;
    this.video = video;
  }

  private FileSignals(FileDigests digests, ImageFormat format, PdqResult pdq, String pdqProblem) {
    this(digests, format, pdq, pdqProblem, null);
  }

  /** These signals with the outcome of hashing the file as a video. */
  FileSignals withVideo(VideoHashing.Outcome outcome) {
    return new FileSignals(digests, format, pdq, pdqProblem, outcome);
  }

  /** Whether the file should also be tried as a video: it is no still image (GIFs may be animated). */
  boolean mayBeVideo() {
    return format == null || format == ImageFormat.GIF;
  }

  /**
   * The digests of a file on disk (an upload), streaming it, and the image format its magic bytes
   * announce; PDQ follows from {@link #withImage}. Blocking: call on a worker thread.
   */
  static FileSignals digest(Path file) throws IOException {
    FileDigests digests = FileDigests.of(file);
    byte[] header = new byte[ImageFormat.HEADER_BYTES];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(header, 0, header.length);
    }
    return new FileSignals(digests, ImageFormat.sniff(header, n).orElse(null), null, null);
  }

  /** The image format the file's magic bytes announce, if any: the file is then decoded for PDQ. */
  Optional<ImageFormat> imageFormat() {
    return Optional.ofNullable(format);
  }

  /** These signals with the outcome of decoding the file as an image. */
  FileSignals withImage(ImageHashing.Outcome outcome) {
    String problem = outcome.problem() == null ? null : outcome.problem().getMessage();
    return new FileSignals(digests, format, outcome.pdq(), problem, video);
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
    if (video != null && video.hashes() != null) {
      out.add(Signal.vpdq(video.hashes()));
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
    if (video != null && video.hashes() != null) {
      o.put("vpdq", "hashed").put("vpdq_frames", video.hashes().frames().size());
      video.hashes().content().ifPresent(c -> o.put("content_area", new JsonObject().put("x", c.x())
          .put("y", c.y()).put("width", c.width()).put("height", c.height())));
    } else if (video != null) {
      boolean invalid = video.problem().reason() == VideoDecodeException.Reason.INVALID;
      o.put("vpdq", invalid ? "not_a_video" : "undecodable").put("vpdq_problem", video.problem().getMessage());
    } else {
      o.put("vpdq", "not_a_video");
    }
    return o;
  }
}
