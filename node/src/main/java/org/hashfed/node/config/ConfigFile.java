package org.hashfed.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.node.trust.TrustLevel;
import org.hashfed.node.trust.TrustSettings;
import org.hashfed.node.webhooks.WebhookOptions;
import org.hashfed.protocol.dsse.Envelope;

/**
 * A config file as written, bound by {@link ConfigBinding}: one record per section, a component per
 * option in its snake_case name (spec/config.md), null where the file leaves the option out. Each
 * section applies itself over the defaults through the validating factories of the options.
 */
record ConfigFile(String member, String data, String roster, Http http, Keys keys, Limits limits, Trust trust,
    Peer peer, Sync sync, Log log, Video video, Image image, Events events, Watch watch, Webhooks webhooks,
    Match match, List<String> followers, Integer changeRetentionHours, Follow follow, Snapshot snapshot) {

  /** Smallest peer body a config file may set: the largest envelope and 64 KiB around it. */
  static final long MIN_PEER_BODY_BYTES = Envelope.MAX_ENVELOPE_BYTES + 64 * 1024;

  /** Sets every option the file gives on {@code b} and {@code t}. */
  void applyTo(NodeConfig.Builder b, TrustSettings.Builder t) {
    if (member != null) {
      b.member(member);
    }
    if (data != null) {
      b.dataDir(Path.of(data));
    }
    if (roster != null) {
      b.rosterFile(Path.of(roster));
    }
    if (http != null) {
      http.applyTo(b);
    }
    if (keys != null) {
      keys.applyTo(b);
    }
    if (limits != null) {
      limits.applyTo(b);
    }
    if (peer != null) {
      peer.applyTo(b);
    }
    if (peer != null || sync != null) {
      SyncOptions o = peer == null ? SyncOptions.defaults() : peer.applyTo(SyncOptions.defaults());
      b.sync(sync == null ? o : sync.applyTo(o));
    }
    if (video != null) {
      b.video(video.applyTo(VideoOptions.defaults()));
    }
    if (match != null) {
      b.match(match.applyTo(MatchLimits.defaults()));
    }
    if (image != null) {
      b.image(image.applyTo(ImageOptions.defaults()));
    }
    if (log != null) {
      log.applyTo(b);
    }
    if (events != null) {
      events.applyTo(b);
    }
    if (watch != null) {
      watch.applyTo(b);
    }
    if (snapshot != null) {
      snapshot.applyTo(b);
    }
    if (webhooks != null) {
      b.webhooks(webhooks.applyTo(WebhookOptions.defaults()));
    }
    if (trust != null) {
      trust.applyTo(t);
    }
    if (changeRetentionHours != null) {
      b.changeRetention(Duration.ofHours(changeRetentionHours));
    }
    FollowSection.apply(b, followers, follow);
  }

  /** {@code follow:}, the node this process is a read follower of. */
  record Follow(String leaderPeerUrl, String leaderFingerprint, String leaderApiUrl, Long maxLagMs) {}

  /** {@code http:}, the platform API's listener. */
  record Http(String host, Integer port, String tlsCert, String tlsKey) {
    void applyTo(NodeConfig.Builder b) {
      if (host != null) {
        b.host(host);
      }
      if (port != null) {
        b.port(port);
      }
      if (tlsCert != null) {
        b.tlsCert(Path.of(tlsCert));
      }
      if (tlsKey != null) {
        b.tlsKey(Path.of(tlsKey));
      }
    }
  }

  /** {@code keys:}, the member and admin key files. */
  record Keys(String memberKey, String adminKey) {
    void applyTo(NodeConfig.Builder b) {
      if (memberKey != null) {
        b.memberKeyFile(Path.of(memberKey));
      }
      if (adminKey != null) {
        b.adminKeyFile(Path.of(adminKey));
      }
    }
  }

  /** {@code limits:}, request sizes and the worker pool. */
  record Limits(Integer maxBodyBytes, Integer maxFileBytes, Integer maxSignals, Integer defaultMaxDistance,
      Integer minPdqQuality, Integer workerThreads) {
    void applyTo(NodeConfig.Builder b) {
      if (maxBodyBytes != null) {
        b.maxBodyBytes(maxBodyBytes);
      }
      if (maxFileBytes != null) {
        b.maxFileBytes(maxFileBytes);
      }
      if (maxSignals != null) {
        b.maxSignals(maxSignals);
      }
      if (defaultMaxDistance != null) {
        b.defaultMaxDistance(defaultMaxDistance);
      }
      if (minPdqQuality != null) {
        b.minPdqQuality(minPdqQuality);
      }
      if (workerThreads != null) {
        b.workerThreads(workerThreads);
      }
    }
  }

  /** {@code trust:}, the level of unlisted members and automatic demotion. */
  record Trust(String defaultLevel, Demotion demotion) {
    void applyTo(TrustSettings.Builder t) {
      if (defaultLevel != null) {
        t.defaultLevel(level(defaultLevel, "trust.default_level"));
      }
      if (demotion != null) {
        demotion.applyTo(t);
      }
    }
  }

  /** {@code trust.demotion:}. */
  record Demotion(Integer windowDays, Double share, Integer minDisputers, Integer minSubmissions,
      String disputerLevel) {
    void applyTo(TrustSettings.Builder t) {
      if (windowDays != null) {
        t.windowDays(windowDays);
      }
      if (share != null) {
        t.share(share);
      }
      if (minDisputers != null) {
        t.minDisputers(minDisputers);
      }
      if (minSubmissions != null) {
        t.minSubmissions(minSubmissions);
      }
      if (disputerLevel != null) {
        t.disputerLevel(level(disputerLevel, "trust.demotion.disputer_level"));
      }
    }
  }

  /** {@code peer:}, the mutual-TLS peer listener and its traffic limits. */
  record Peer(String host, Integer port, Integer maxBodyBytes, Integer timeoutMs, Integer rateLimit) {
    void applyTo(NodeConfig.Builder b) {
      if (host != null) {
        b.peerHost(host);
      }
      if (port != null) {
        b.peerPort(port);
      }
    }

    SyncOptions applyTo(SyncOptions o) {
      if (maxBodyBytes != null) {
        // one push or feed response must carry the largest entry, a vpdq submit of up to 1 MiB
        if (maxBodyBytes < MIN_PEER_BODY_BYTES) {
          throw new ConfigException("invalid peer.max_body_bytes " + maxBodyBytes + ": expected at least "
              + MIN_PEER_BODY_BYTES + " (the largest envelope, " + Envelope.MAX_ENVELOPE_BYTES
              + " bytes, with room for the request around it)");
        }
        o = o.withMaxBodyBytes(maxBodyBytes);
      }
      if (timeoutMs != null) {
        o = o.withTimeout(Duration.ofMillis(timeoutMs));
      }
      if (rateLimit != null) {
        o = o.withRateLimit(rateLimit);
      }
      return o;
    }
  }

  /** {@code sync:}, push and anti-entropy. */
  record Sync(Integer fanout, Integer antiEntropyMs, Integer batch, String push, Integer pendingPerMember,
      Integer pendingTotal) {
    SyncOptions applyTo(SyncOptions o) {
      if (fanout != null) {
        o = o.withFanout(fanout);
      }
      if (antiEntropyMs != null) {
        o = o.withAntiEntropy(Duration.ofMillis(antiEntropyMs));
      }
      if (batch != null) {
        o = o.withBatch(batch);
      }
      if (push != null) {
        o = o.withPush(SyncOptions.PushMode.parse(push));
      }
      if (pendingPerMember != null || pendingTotal != null) {
        o = o.withPending(pendingPerMember != null ? pendingPerMember : o.pendingPerMember(),
            pendingTotal != null ? pendingTotal : o.pendingTotal());
      }
      return o;
    }
  }

  /** {@code log:}, witnessing of the provenance log. */
  record Log(Integer witnessPeriodMs, List<Witness> witnesses) {
    void applyTo(NodeConfig.Builder b) {
      if (witnessPeriodMs != null) {
        b.witnessPeriod(Duration.ofMillis(witnessPeriodMs));
      }
      if (witnesses != null) {
        List<WitnessTarget> out = new ArrayList<>();
        for (int i = 0; i < witnesses.size(); i++) {
          try {
            out.add(witnesses.get(i).target());
          } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid log.witnesses[" + i + "]: " + e.getMessage(), e);
          }
        }
        b.witnesses(out);
      }
    }
  }

  /** One of {@code log.witnesses}: a witness by URL or by member, with its verifier key. */
  record Witness(String url, String member, String key) {
    // checked here rather than in a constructor, so that a misspelt option is reported as unknown
    // (Jackson reports unknown options after it has constructed the record)
    WitnessTarget target() {
      if (key == null || (url == null) == (member == null)) {
        throw new IllegalArgumentException("expected a key and exactly one of url and member");
      }
      return url != null ? WitnessTarget.atUrl(url, key) : WitnessTarget.ofMember(member, key);
    }
  }

  /** {@code video:}, limits of video decoding. */
  record Video(Integer maxSeconds, Long maxFramePixels, Integer decodeTimeoutMs, Double secondsPerHash,
      Integer decodeThreads, Integer queue) {
    VideoOptions applyTo(VideoOptions o) {
      if (maxSeconds != null) {
        o = o.withMaxDuration(Duration.ofSeconds(maxSeconds));
      }
      if (maxFramePixels != null) {
        o = o.withMaxFramePixels(maxFramePixels);
      }
      if (decodeTimeoutMs != null) {
        o = o.withDecodeTimeout(Duration.ofMillis(decodeTimeoutMs));
      }
      if (secondsPerHash != null) {
        o = o.withSecondsPerHash(secondsPerHash);
      }
      if (decodeThreads != null) {
        o = o.withDecodeThreads(decodeThreads);
      }
      if (queue != null) {
        o = o.withQueue(queue);
      }
      return o;
    }
  }

  /** {@code image:}, limits of image decoding. */
  record Image(Long maxPixels, Integer maxJpegScans, Integer decodeTimeoutMs, Integer decodeThreads, Integer queue) {
    ImageOptions applyTo(ImageOptions o) {
      if (maxPixels != null) {
        o = o.withMaxPixels(maxPixels);
      }
      if (maxJpegScans != null) {
        o = o.withMaxJpegScans(maxJpegScans);
      }
      if (decodeTimeoutMs != null) {
        o = o.withDecodeTimeout(Duration.ofMillis(decodeTimeoutMs));
      }
      if (decodeThreads != null) {
        o = o.withDecodeThreads(decodeThreads);
      }
      if (queue != null) {
        o = o.withQueue(queue);
      }
      return o;
    }
  }

  /** {@code events:}, the local event log. */
  record Events(Integer retentionDays) {
    void applyTo(NodeConfig.Builder b) {
      if (retentionDays != null) {
        b.eventRetention(Duration.ofDays(retentionDays));
      }
    }
  }

  /** {@code snapshot:}, the start-up snapshot next to the store. */
  record Snapshot(Integer intervalS) {
    void applyTo(NodeConfig.Builder b) {
      if (intervalS != null) {
        b.snapshotInterval(Duration.ofSeconds(intervalS));
      }
    }
  }

  /** {@code watch:}, the retro-hunt watch list. */
  record Watch(Integer windowDays, Integer maxItems, Integer maxVideoFrames) {
    void applyTo(NodeConfig.Builder b) {
      if (windowDays != null) {
        b.watchWindow(Duration.ofDays(windowDays));
      }
      if (maxItems != null) {
        b.watchMaxItems(maxItems);
      }
      if (maxVideoFrames != null) {
        b.watchMaxVideoFrames(maxVideoFrames);
      }
    }
  }

  /** {@code webhooks:}, delivery of events to endpoints. */
  record Webhooks(Integer timeoutMs, Integer backoffInitialMs, Integer backoffMaxMs, Integer giveUpAfterMs,
      Integer maxEndpoints) {
    WebhookOptions applyTo(WebhookOptions d) {
      try {
        return new WebhookOptions(
            timeoutMs != null ? Duration.ofMillis(timeoutMs) : d.timeout(),
            backoffInitialMs != null ? Duration.ofMillis(backoffInitialMs) : d.initialBackoff(),
            backoffMaxMs != null ? Duration.ofMillis(backoffMaxMs) : d.maxBackoff(),
            giveUpAfterMs != null ? Duration.ofMillis(giveUpAfterMs) : d.giveUpAfter(),
            maxEndpoints != null ? maxEndpoints : d.maxEndpoints());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage(), e);
      }
    }
  }

  /** {@code match:}, the bounds of one match request. */
  record Match(Integer maxPerSignal, Integer maxPerResponse, Integer heavySignals, Integer heavyPerKey) {
    MatchLimits applyTo(MatchLimits base) {
      return MatchLimits.of(
          maxPerSignal != null ? maxPerSignal : base.maxPerSignal(),
          maxPerResponse != null ? maxPerResponse : base.maxPerResponse(),
          heavySignals != null ? heavySignals : base.heavySignals(),
          heavyPerKey != null ? heavyPerKey : base.heavyPerKey());
    }
  }

  static TrustLevel level(String value, String option) {
    try {
      return TrustLevel.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid " + option + ": " + e.getMessage(), e);
    }
  }
}
