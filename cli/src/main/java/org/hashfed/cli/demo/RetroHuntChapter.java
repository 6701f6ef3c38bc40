package org.hashfed.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Retro-hunt in the demo: gamma's platform records an upload it accepted and registers a webhook;
 * later acme shares a hash of that upload, and the platform's webhook receives {@code retro.match}.
 */
final class RetroHuntChapter implements AutoCloseable {

  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
  private static final String CONTENT_ID = "upload-4711";

  private final Map<String, DemoApi> apis;
  private final DemoApi gammaAdmin;
  private final Path dir;
  private WebhookReceiver receiver;

  RetroHuntChapter(Map<String, DemoApi> apis, DemoApi gammaAdmin, Path dir) {
    this.apis = apis;
    this.gammaAdmin = gammaAdmin;
    this.dir = dir;
  }

  void run(List<String> d) throws Exception {
    receiver = WebhookReceiver.start();
    JsonNode hook = gammaAdmin.createWebhook(receiver.url().toString(), "retro.match");
    receiver.secret(hook.path("secret").asText());
    d.add("webhook " + receiver.url() + " registered at gamma for retro.match (id " + hook.path("id").asText() + ")");

    DemoImage upload = DemoImage.example().resizedAndReencoded(0.5, 0.8f);
    Files.write(dir.resolve("upload-4711.jpg"), upload.bytes());
    String md5 = upload.digests().md5Hex();
    apis.get(DemoStory.MATCHER).watch(CONTENT_ID, "md5", md5);
    d.add("watch   gamma's platform records upload " + CONTENT_ID + " (md5 " + md5 + "), which nothing matches yet");

    String entry = apis.get(DemoStory.SUBMITTER).submit("md5", md5, null, DemoStory.LABEL,
        "hashfed demo: a re-upload found later").path("entry_id").asText();
    d.add("later   acme shares that md5 (entry " + DemoStory.shortId(entry) + ")");

    long start = System.nanoTime();
    JsonNode event = null;
    while (event == null) {
      for (JsonNode e : receiver.verified()) {
        if ("retro.match".equals(e.path("type").asText())
            && CONTENT_ID.equals(e.path("data").path("content_id").asText())) {
          event = e;
        }
      }
      if (event == null && System.nanoTime() - start > DELIVERY_TIMEOUT.toNanos()) {
        throw new DemoException("gamma's platform webhook received no retro.match for " + CONTENT_ID + " within "
            + DELIVERY_TIMEOUT.toSeconds() + " s");
      }
      if (event == null) {
        Thread.sleep(50);
      }
    }
    JsonNode data = event.path("data");
    d.add(String.format(java.util.Locale.ROOT,
        "webhook received retro.match %d ms after acme's submission: %s matches acme's entry %s (%s, distance %d),"
            + " signature verified", (System.nanoTime() - start) / 1_000_000, data.path("content_id").asText(),
        DemoStory.shortId(data.path("entry_id").asText()), data.path("watched_signal").path("type").asText(),
        data.path("distance").asInt()));
  }

  @Override
  public void close() {
    if (receiver != null) {
      receiver.close();
    }
  }
}
