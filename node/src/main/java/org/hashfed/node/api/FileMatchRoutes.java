package org.hashfed.node.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hashfed.node.catalog.VideoThresholds;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.trust.MatchFilter;
import org.hashfed.node.trust.TrustService;
import org.hashfed.protocol.pdq.ImageDecodeException;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.video.VideoDecodeException;

/**
 * {@code POST /v1/match/file}: the node hashes the file (md5, sha256, PDQ for images, vPDQ for
 * videos) and matches every hash, for platforms that would rather not hash themselves.
 *
 * <p>Every upload, raw body or multipart file part, is streamed to a directory of its request's own
 * under {@code <data>/uploads} with {@code limits.max_file_bytes} enforced as it arrives, and the
 * directory is removed when the response ends. The digests are computed on the worker pool, image
 * decoding and video decoding each run on their own bounded pool ({@link ImageHashing},
 * {@link VideoHashing}), never on the event loop.
 */
final class FileMatchRoutes {

  /** Routing-context key holding the body limit of the current route, for the 413 message. */
  static final String BODY_LIMIT_KEY = "hashfed.bodyLimit";
  /** Routing-context key set once the body handler is done, to tell a body that broke off from later failures. */
  private static final String BODY_READ_KEY = "hashfed.bodyRead";
  private static final int REMOVE_ATTEMPTS = 8;
  private static final long REMOVE_RETRY_MS = 250;

  private final NodeConfig config;
  private final Supplier<Ledger> ledger;
  private final WorkerExecutor worker;
  private final Clock clock;
  private final TrustService trust;
  private final ImageHashing images;
  private final VideoHashing videos;
  private final Path uploads;
  private final HeavyRequests heavy;

  FileMatchRoutes(NodeConfig config, Supplier<Ledger> ledger, WorkerExecutor worker, Clock clock,
      TrustService trust, ImageHashing images, VideoHashing videos, HeavyRequests heavy) {
    this.config = config;
    this.images = images;
    this.videos = videos;
    this.trust = trust;
    this.ledger = ledger;
    this.worker = worker;
    this.clock = clock;
    this.uploads = config.dataDir().resolve("uploads");
    this.heavy = heavy;
    removeLeftoverUploads(uploads);
  }

  /**
   * The body handler of this route, with its own limit. The body streams to a directory of that
   * request's own under {@code <data>/uploads}, removed with everything in it when the response ends:
   * a raw body to one file ({@link RawUpload}), a multipart body's file parts through Vert.x's body
   * handler, whose own clean-up fails when a body breaks off mid-way (more than 256 parts, a dropped
   * connection) and would leave every part written so far.
   */
  Handler<RoutingContext> bodyHandler() {
    return ctx -> {
      Path dir = uploads.resolve("request-" + java.util.UUID.randomUUID());
      ctx.addEndHandler(v -> removeDirectory(ctx.vertx(), dir.toString(), REMOVE_ATTEMPTS));
      if (!isMultipart(ctx)) {
        RawUpload.stream(ctx, dir, config.maxFileBytes());
        return;
      }
      BodyHandler.create(dir.toString())
          .setBodyLimit(config.maxFileBytes())
          .setDeleteUploadedFilesOnEnd(true)
          .setMergeFormAttributes(false)
          .handle(ctx);
    };
  }

  /**
   * Removes a request's upload directory. A body that broke off may still be closing part files
   * when the response ends, so a removal that fails is tried again a little later; what is still
   * left after that goes at the next start.
   */
  private static void removeDirectory(io.vertx.core.Vertx vertx, String dir, int attempts) {
    vertx.fileSystem().exists(dir)
        .compose(exists -> exists ? vertx.fileSystem().deleteRecursive(dir) : Future.<Void>succeededFuture())
        .onFailure(e -> {
          if (attempts > 1) {
            vertx.setTimer(REMOVE_RETRY_MS, id -> removeDirectory(vertx, dir, attempts - 1));
          }
        });
  }

  /** Marks the body read, for {@link #uploadFailure}: the handler after this route's body handler. */
  void bodyRead(RoutingContext ctx) {
    ctx.put(BODY_READ_KEY, Boolean.TRUE);
    ctx.next();
  }

  /**
   * Answers a multipart body that broke off while it was read (Vert.x 5.1 reports too many parts as
   * a bare 400, a body cut short as a 500 "Streaming aborted") with a 400 naming the likely causes;
   * a body over the limit stays a 413, and failures after the body was read go on.
   */
  void uploadFailure(RoutingContext ctx) {
    boolean tooLarge = ctx.statusCode() == 413;
    if (!tooLarge && !(ctx.failure() instanceof Problem) && ctx.get(BODY_READ_KEY) == null && isMultipart(ctx)) {
      ProblemHandler.send(ctx, Problem.of(400, "invalid-multipart", "Unreadable multipart body",
          "the multipart body could not be read: more than 256 parts, or malformed (expected one file part, "
              + "e.g. curl -F file=@video.mp4)"));
      return;
    }
    ctx.next();
  }

  /**
   * Records this route's body limit for the 413 message; a platform handler, so it runs before the
   * body handler. Any body that is not multipart, {@code application/x-www-form-urlencoded} (curl's
   * default for {@code --data-binary}) included, is streamed as the raw file.
   */
  PlatformHandler limitMarker() {
    long limit = config.maxFileBytes();
    return ctx -> {
      ctx.put(BODY_LIMIT_KEY, limit);
      ctx.next();
    };
  }

  /** {@code POST /v1/match/file[?max_distance=&trust filters]} with the file as the body or as a multipart file part. */
  void matchFile(RoutingContext ctx) {
    int maxDistance = Requests.maxDistance(ctx.request().getParam("max_distance"), config.defaultMaxDistance());
    MatchFilter filter = MatchFilters.fromQuery(ctx.request().params());
    VideoThresholds video = Requests.videoThresholds(ctx.request().getParam("query_percent"),
        ctx.request().getParam("compared_percent"), ctx.request().getParam("contained_percent"));
    MatchCaps caps = MatchCaps.fromQuery(config.match(), ctx.request().params());
    Ledger l = MatchRoutes.requireReady(ledger);
    Path upload = isMultipart(ctx) ? multipartFile(ctx) : rawFile(ctx);
    heavy.admit(ctx, "a file to hash");
    signals(upload, true, responseEnded(ctx))
        .compose(file -> worker.executeBlocking(() -> MatchRoutes.response(MatchRoutes.capped(l.catalog(), trust,
                file.signals(), maxDistance, video, filter, clock.instant(), caps, Views::match))
            .put("file", file.toJson()).toBuffer(), false))
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  /**
   * The signals of a file uploaded to {@code ctx}'s route through this route's body handler (its
   * path on disk): md5, sha256, PDQ for an image and, when {@code tryVideo}, vPDQ for a video. The
   * request holds one of its key's heavy-request slots until its response ends.
   *
   * @throws Problem {@code too-many-heavy-requests} (429) when the key has {@code match.heavy_per_key} in flight
   */
  Future<List<Signal>> hash(RoutingContext ctx, Path upload, boolean tryVideo) {
    heavy.admit(ctx, "a file to hash");
    return signals(upload, tryVideo, responseEnded(ctx)).map(FileSignals::signals);
  }

  /**
   * Completes when the response has ended or its connection closed: once the decoding is still
   * running then, its client has left, and the decoding is stopped.
   */
  private static Future<Void> responseEnded(RoutingContext ctx) {
    Promise<Void> ended = Promise.promise();
    ctx.addEndHandler(r -> ended.tryComplete());
    return ended.future();
  }

  private Future<FileSignals> signals(Path upload, boolean tryVideo, Future<Void> abandoned) {
    return worker.executeBlocking(() -> FileSignals.digest(upload), false)
        .compose(s -> s.imageFormat().isEmpty() ? Future.succeededFuture(s) : withImage(s, upload, abandoned))
        .compose(s -> tryVideo && s.mayBeVideo() ? withVideo(s, upload, abandoned) : Future.succeededFuture(s));
  }

  private Future<FileSignals> withImage(FileSignals s, Path upload, Future<Void> abandoned) {
    return images.hash(upload, abandoned).map(outcome -> {
      ImageDecodeException p = outcome.problem();
      if (p != null && p.reason() == ImageDecodeException.Reason.LIMIT) {
        throw Problem.of(422, "image-limit", "Image over a limit", "the uploaded image is over a limit of this "
            + "node (image.* in its config): " + p.getMessage());
      }
      if (p != null && p.reason() == ImageDecodeException.Reason.CANCELLED) {
        throw Problem.of(503, "busy", "Image decoding stopped", p.getMessage());
      }
      return s.withImage(outcome);
    });
  }

  private Future<FileSignals> withVideo(FileSignals s, Path upload, Future<Void> abandoned) {
    return videos.hash(upload, abandoned).map(outcome -> {
      VideoDecodeException p = outcome.problem() == null ? null : uploadNamed(outcome.problem(), upload);
      if (p != null && p.reason() == VideoDecodeException.Reason.LIMIT) {
        throw Problem.of(422, "video-limit", "Video over a limit", p.getMessage());
      }
      if (p != null && p.reason() == VideoDecodeException.Reason.CANCELLED) {
        throw Problem.of(503, "busy", "Video decoding stopped", p.getMessage());
      }
      return s.withVideo(p == null ? outcome : new VideoHashing.Outcome(null, p));
    });
  }

  // The decoder names the file it read: a temporary name means nothing to the caller.
  private static VideoDecodeException uploadNamed(VideoDecodeException e, Path file) {
    String message = e.getMessage().replace(file.getFileName().toString(), "the uploaded file");
    return new VideoDecodeException(e.reason(), message, e);
  }

  private static Path multipartFile(RoutingContext ctx) {
    List<FileUpload> files = ctx.fileUploads();
    if (files.isEmpty()) {
      throw Problem.invalid("missing-file", "the multipart body has no file part: expected one part with a "
          + "filename, e.g. curl -F file=@image.jpg", "no file part");
    }
    FileUpload first = files.get(0);
    if (first.size() == 0) {
      throw emptyFile();
    }
    return Path.of(first.uploadedFileName());
  }

  private static Path rawFile(RoutingContext ctx) {
    Long size = ctx.get(RawUpload.SIZE_KEY);
    if (size == null || size == 0) {
      throw emptyFile();
    }
    return ctx.get(RawUpload.FILE_KEY);
  }

  private static Problem emptyFile() {
    return Problem.invalid("missing-file", "the file is empty: expected the file's bytes as the request body or as "
        + "a multipart file part", "0 bytes");
  }

  private static boolean isMultipart(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  // A node killed mid-upload leaves its temporary files behind; nothing else writes there.
  private static void removeLeftoverUploads(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    // files and the per-request directories of multipart bodies, deepest first
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        if (!f.equals(dir)) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear leftover uploads in " + dir + ": " + e.getMessage(), e);
    }
  }
}
