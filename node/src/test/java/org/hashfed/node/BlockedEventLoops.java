package org.hashfed.node;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which Vert.x reported an event loop blocked (registered for every test
 * through junit-platform.properties). Nodes in tests report a block of 500 ms
 * ({@code hashfed.event_loop_warn_ms} in the pom), so an event loop that waits on a lock held
 * across I/O, or does I/O itself, fails the test that exercised it rather than slowing everything.
 * A block seen while a class starts or stops fails its last test or the class.
 */
public final class BlockedEventLoops implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  /** The logger Vert.x's blocked-thread checker writes to. */
  static final String CHECKER_LOGGER = "io.vertx.core.impl.BlockedThreadChecker";

  private static final List<String> BLOCKED = new ArrayList<>();
  // kept in a field: java.util.logging holds loggers weakly, and a collected one loses its handler
  private static final Logger CHECKER = install();

  /** The blocks reported since the last call, which no test is then failed for. */
  static List<String> drain() {
    synchronized (BLOCKED) {
      List<String> out = new ArrayList<>(BLOCKED);
      BLOCKED.clear();
      return out;
    }
  }

  /** Whether a block was reported and not drained yet. */
  static boolean anyReported() {
    synchronized (BLOCKED) {
      return !BLOCKED.isEmpty();
    }
  }

  private static Logger install() {
    Logger logger = Logger.getLogger(CHECKER_LOGGER);
    logger.addHandler(new Handler() {
      @Override
      public void publish(LogRecord r) {
        String message = r.getMessage();
        // worker threads may block: only event loops count
        if (r.getLevel().intValue() >= Level.WARNING.intValue() && message != null
            && message.contains("eventloop")) {
          synchronized (BLOCKED) {
            BLOCKED.add(message);
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
    return logger;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    drain();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    failIfBlocked(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    failIfBlocked(context);
  }

  private static void failIfBlocked(ExtensionContext context) {
    List<String> blocked = drain();
    if (!blocked.isEmpty()) {
      throw new AssertionError("an event loop was blocked during " + context.getDisplayName() + ": " + blocked);
    }
  }
}
