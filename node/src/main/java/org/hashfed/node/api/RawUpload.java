package org.hashfed.node.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/**
 * Streams a raw (non-multipart) request body to a file, with the size limit enforced as the bytes
 * arrive, so that no upload is ever held on the heap: a declared length over the limit is a 413
 * before anything is read, and a body that grows past it is a 413 as soon as it does. The file lies
 * in the request's own upload directory, which the caller removes when the response ends.
 */
final class RawUpload {

  /** Routing-context key of the body's file once it is complete. */
  static final String FILE_KEY = "hashfed.rawUpload";
  /** Routing-context key of the body's size in bytes once it is complete. */
  static final String SIZE_KEY = "hashfed.rawUploadSize";

  private final RoutingContext ctx;
  private final HttpServerRequest request;
  private final AsyncFile out;
  private final Path file;
  private final long limit;
  private long received;
  private boolean stopped;

  private RawUpload(RoutingContext ctx, AsyncFile out, Path file, long limit) {
    this.ctx = ctx;
    this.request = ctx.request();
    this.out = out;
    this.file = file;
    this.limit = limit;
  }

  /**
   * Reads the body of {@code ctx}'s request into {@code dir/body.upload}, then puts the file's path
   * under {@link #FILE_KEY}, its size under {@link #SIZE_KEY}, and calls the next handler; fails the context with 413 or the error.
   * Like Vert.x's body handler, it must run before the request has ended.
   */
  static void stream(RoutingContext ctx, Path dir, long limit) {
    HttpServerRequest request = ctx.request();
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && declaredOver(length, limit)) {
      ctx.fail(413);
      return;
    }
    // No chunk may arrive before the file is open to take it.
    request.pause();
    if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
      ctx.response().writeContinue();
    }
    Path file = dir.resolve("body.upload");
    FileSystem fs = ctx.vertx().fileSystem();
    fs.mkdirs(dir.toString())
        .compose(v -> fs.open(file.toString(), new OpenOptions().setWrite(true).setCreateNew(true)))
        .onFailure(e -> {
          request.resume();
          ctx.fail(e);
        })
        .onSuccess(out -> {
          if (ctx.response().ended() || ctx.response().closed()) {
            // The client left while the file was being created, after the request's directory was removed.
            out.close().onComplete(r -> fs.deleteRecursive(dir.toString()));
            return;
          }
          new RawUpload(ctx, out, file, limit).start();
        });
  }

  private static boolean declaredOver(String length, long limit) {
    try {
      return Long.parseLong(length.trim()) > limit;
    } catch (NumberFormatException e) {
      // The HTTP codec refuses a malformed Content-Length before any handler runs.
      return false;
    }
  }

  private void start() {
    request.handler(this::chunk);
    request.exceptionHandler(this::broken);
    request.endHandler(v -> end());
    request.resume();
  }

  private void chunk(Buffer data) {
    if (stopped) {
      return;
    }
    received += data.length();
    if (received > limit) {
      stop();
      ctx.fail(413);
      return;
    }
    out.write(data);
    if (out.writeQueueFull()) {
      request.pause();
      out.drainHandler(v -> request.resume());
    }
  }

  private void broken(Throwable e) {
    if (stopped) {
      return;
    }
    stop();
    ctx.fail(400, e);
  }

  private void end() {
    if (stopped) {
      return;
    }
    stopped = true;
    out.close()
        .onSuccess(v -> {
          ctx.put(FILE_KEY, file);
          ctx.put(SIZE_KEY, received);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  /** Stops writing; the rest of the body is read and dropped, so that the connection can serve the response and go on. */
  private void stop() {
    stopped = true;
    out.close();
    request.resume();
  }
}
