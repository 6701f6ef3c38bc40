package org.hashfed.node.hma;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashfed.node.api.PlatformOperations;
import org.hashfed.node.catalog.VideoThresholds;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.vpdq.VpdqSignalFormat;

/**
 * HMA's {@code /h/hash} and {@code POST /m/lookup}: one multipart file whose field names its
 * content type, {@code photo} (hashed to pdq) or {@code video} (video_md5 and vpdq).
 */
final class HashingRoutes {

  private static final String NO_URLS = "this node does not fetch URLs: POST the file to /h/hash as"
      + " multipart/form-data (photo=@file or video=@file)";

  private final PlatformOperations ops;

  HashingRoutes(PlatformOperations ops) {
    this.ops = ops;
  }

  /** {@code GET /h/hash?url=}: refused, the node never fetches a URL it is given. */
  void hashUrl(RoutingContext ctx) {
    throw HmaException.badRequest(NO_URLS);
  }

  /** {@code POST /h/hash}: {@code {"pdq": "..."}} or {@code {"video_md5": "...", "vpdq": "..."}}. */
  void hash(RoutingContext ctx) {
    hashes(ctx).onSuccess(hashes -> {
      JsonObject out = new JsonObject();
      hashes.forEach((name, s) -> out.put(name, s.video()
          .map(v -> VpdqSignalFormat.write(v.frames()))
          .orElse(s.value())));
      Replies.json(ctx, 200, out);
    }).onFailure(ctx::fail);
  }

  /** {@code POST /m/lookup[?banks=]}: {@code {"<signal type>": {"<BANK>": [...]}}}. */
  void lookup(RoutingContext ctx) {
    Set<String> banks = Lookups.banks(ctx.request().getParam("banks"));
    hashes(ctx).compose(hashes -> {
      List<String> names = new ArrayList<>(hashes.keySet());
      return ops.match(ctx, new ArrayList<>(hashes.values()), ops.defaultMaxDistance(),
          VideoThresholds.PYTHON_THREATEXCHANGE,
          ops.filter(ctx.request().params()), ctx.request().params()).map(all -> {
            JsonObject out = new JsonObject();
            boolean truncated = false;
            for (int i = 0; i < names.size(); i++) {
              out.put(names.get(i), Lookups.byBank(all.get(i).matches(), banks));
              truncated |= all.get(i).truncated();
            }
            Lookups.markTruncated(ctx, truncated);
            return out;
          });
    }).onSuccess(out -> Replies.json(ctx, 200, out)).onFailure(ctx::fail);
  }

  /** The hashes HMA computes for the uploaded file's content type, by HMA signal type name. */
  private Future<Map<String, Signal>> hashes(RoutingContext ctx) {
    FileUpload file = upload(ctx);
    boolean video = "video".equals(file.name());
    return ops.hashUpload(ctx, Path.of(file.uploadedFileName()), video).map(signals -> {
      Map<String, Signal> out = new LinkedHashMap<>();
      for (Signal s : signals) {
        if (video ? s.type() == SignalType.MD5 || s.type() == SignalType.VPDQ : s.type() == SignalType.PDQ) {
          out.put(HmaSignalTypes.hmaName(s.type()), s);
        }
      }
      if (!video && out.isEmpty()) {
        throw HmaException.badRequest("the photo could not be hashed: it is not an image this node decodes"
            + " (JPEG, PNG, GIF, BMP or WebP)");
      }
      return out;
    });
  }

  private static FileUpload upload(RoutingContext ctx) {
    List<FileUpload> files = ctx.fileUploads();
    if (files.isEmpty()) {
      throw HmaException.badRequest("Missing multipart/form-data file upload");
    }
    if (files.size() > 1) {
      throw HmaException.badRequest("Only one file allowed per request");
    }
    FileUpload f = files.get(0);
    if (!"photo".equals(f.name()) && !"video".equals(f.name())) {
      throw HmaException.badRequest("no such content_type: '" + f.name() + "' (expected: photo or video)");
    }
    if (f.size() == 0) {
      throw HmaException.badRequest("the uploaded " + f.name() + " is empty");
    }
    return f;
  }
}
