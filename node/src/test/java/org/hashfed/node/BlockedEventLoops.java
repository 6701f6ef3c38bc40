package org.hashfed.node;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which an event loop broke the discipline (registered for every test
 * through junit-platform.properties; Vert.x instances in tests come from {@link TestVertx} or
 * {@link Node}, which report a task running past 500 ms with the thread's stack).
 *
 * <p>A report alone proves little on a loaded machine: a handler descheduled for a second has
 * done nothing wrong. So each report is judged by what the thread is doing when it comes: waiting
 * (on a monitor, a lock, a future, a sleep) or in a socket, file or RocksDB call is what the
 * discipline forbids, and fails the test at once; a lock held by a thread that is itself running
 * CPU work, or the loop's own CPU work, is starvation, and fails only past {@link #RUNNABLE_BOUND};
 * so is loading a class, which happens once per class and waits for whoever loads it meanwhile.
 * A block seen while a class starts or stops fails its last test or the class.
 */
public final class BlockedEventLoops implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  /** The logger Vert.x's blocked-thread checker writes to. */
  static final String CHECKER_LOGGER = "io.vertx.core.impl.BlockedThreadChecker";
  /**
   * How long an event-loop task may run on the CPU (or wait for a thread that does) before it
   * fails a test: at load 30 on 2 cores a thread gets a fifteenth of a core, so 500 ms of
   * wall-clock proves nothing, while ten seconds of it is a loop that computes what belongs on a
   * worker.
   */
  static final Duration RUNNABLE_BOUND = Duration.ofSeconds(10);

  private static final Pattern REPORT = Pattern.compile("Thread (.+) has been blocked for (\\d+) ms");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final List<String> VIOLATIONS = new ArrayList<>();
  private static final AtomicInteger TOLERATED = new AtomicInteger();
  // kept in a field: java.util.logging holds loggers weakly, and a collected one loses its handler
  private static final Logger CHECKER = install();

  /** What a report shows the thread doing. */
  enum Verdict {
    /** Waiting or in I/O: fails the test. */
    FORBIDDEN,
    /** Running, or waiting for a thread that runs: fails only past {@link #RUNNABLE_BOUND}. */
    STARVED,
    /** Back in the event loop's own wait, or in another task: the reported task is over. */
    OVER
  }

  /** The violations seen since the last call, which no test is then failed for. */
  static List<String> drain() {
    synchronized (VIOLATIONS) {
      List<String> out = new ArrayList<>(VIOLATIONS);
      VIOLATIONS.clear();
      return out;
    }
  }

  /** Whether a violation was seen and not drained yet. */
  static boolean anyReported() {
    synchronized (VIOLATIONS) {
      return !VIOLATIONS.isEmpty();
    }
  }

  /** How many reports were judged starvation within the bound, since the JVM started. */
  static int tolerated() {
    return TOLERATED.get();
  }

  private static Logger install() {
    Logger logger = Logger.getLogger(CHECKER_LOGGER);
    // the guard says what matters; tolerated reports with their stacks would bury it
    logger.setUseParentHandlers(false);
    logger.addHandler(new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue() && r.getMessage() != null) {
          judgeReport(r.getMessage(), r.getThrown() == null ? null : r.getThrown().getStackTrace());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
    return logger;
  }

  private static void judgeReport(String message, StackTraceElement[] reported) {
    Matcher m = REPORT.matcher(message);
    // worker threads may block: only event loops count
    if (!m.find() || !m.group(1).contains("eventloop")) {
      return;
    }
    String name = m.group(1);
    long millis = Long.parseLong(m.group(2));
    List<String> found = new ArrayList<>();
    boolean starved = false;
    // Several Vert.x instances name their loops alike: each thread of that name is judged, and
    // one still in the reported task (same stack below the handler) is the one reported.
    for (ThreadInfo t : sameName(name)) {
      if (reported != null && !sameTask(reported, t.getStackTrace())) {
        continue;
      }
      ThreadInfo owner = t.getLockOwnerId() < 0 ? null : THREADS.getThreadInfo(t.getLockOwnerId(), 64);
      switch (judge(t, owner)) {
        case FORBIDDEN -> found.add(describe(t, owner, millis));
        case STARVED -> starved = true;
        case OVER -> { }
      }
    }
    if (found.isEmpty() && starved && millis >= RUNNABLE_BOUND.toMillis()) {
      found.add(name + " ran one task for " + millis + " ms (bound " + RUNNABLE_BOUND.toMillis()
          + " ms of CPU work or waiting for it), at " + top(reported));
    } else if (found.isEmpty() && starved) {
      TOLERATED.incrementAndGet();
    }
    if (!found.isEmpty()) {
      synchronized (VIOLATIONS) {
        VIOLATIONS.addAll(found);
      }
    }
  }

  /** What {@code t}, an event loop inside a task, is doing; {@code owner} holds the lock it waits for. */
  static Verdict judge(ThreadInfo t, ThreadInfo owner) {
    StackTraceElement[] stack = t.getStackTrace();
    if (idle(stack)) {
      return Verdict.OVER;
    }
    if (loadingClasses(stack)) {
      // once per class and JVM: loading it reads a jar, and waits for whoever loads it meanwhile
      return Verdict.STARVED;
    }
    Thread.State state = t.getThreadState();
    if (state == Thread.State.BLOCKED || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
      // only a lock whose holder computes is starvation; a holder that waits or does I/O is the bug
      boolean holderComputes = owner != null && (loadingClasses(owner.getStackTrace())
          || owner.getThreadState() == Thread.State.RUNNABLE && blockingCall(owner.getStackTrace()) == null);
      return holderComputes ? Verdict.STARVED : Verdict.FORBIDDEN;
    }
    return blockingCall(stack) == null ? Verdict.STARVED : Verdict.FORBIDDEN;
  }

  /** The frame of a blocking socket, file or RocksDB call on top of {@code stack}, or null. */
  static StackTraceElement blockingCall(StackTraceElement[] stack) {
    for (StackTraceElement f : stack) {
      String c = f.getClassName();
      String method = f.getMethodName();
      boolean io = c.startsWith("org.rocksdb.")
          || c.equals("java.io.FileInputStream") || c.equals("java.io.RandomAccessFile")
          || c.equals("sun.nio.ch.FileDispatcherImpl") && !method.startsWith("write")
          || c.equals("sun.nio.ch.FileChannelImpl") && (method.startsWith("read") || method.equals("force"))
          || c.equals("sun.nio.ch.NioSocketImpl") || c.startsWith("java.net.Socket")
          || c.equals("java.net.InetAddress") && method.startsWith("get");
      if (io) {
        return f;
      }
      // the library call ends where the caller's code begins
      if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
        return null;
      }
    }
    return null;
  }

  /** Whether the library call on top of {@code stack} is the JVM loading a class. */
  static boolean loadingClasses(StackTraceElement[] stack) {
    for (StackTraceElement f : stack) {
      String c = f.getClassName();
      if (c.startsWith("jdk.internal.loader.") || c.equals("java.lang.ClassLoader")) {
        return true;
      }
      if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
        return false;
      }
    }
    return false;
  }

  private static boolean idle(StackTraceElement[] stack) {
    if (stack.length == 0) {
      return true;
    }
    String top = stack[0].getClassName() + "." + stack[0].getMethodName();
    return top.startsWith("sun.nio.ch.EPoll.wait") || top.startsWith("io.netty.channel.epoll.Native.epollWait")
        || top.startsWith("io.netty.channel.kqueue.Native.keventWait") || top.startsWith("sun.nio.ch.KQueue.poll")
        || top.startsWith("io.netty.channel.epoll.Native.epollBusyWait");
  }

  /**
   * Whether {@code now} is still in the task of {@code reported}: both stacks hold the same frames
   * from the thread's start up to the first frame of the handler (not Netty, Vert.x or the JDK).
   */
  static boolean sameTask(StackTraceElement[] reported, StackTraceElement[] now) {
    int shared = 0;
    while (shared < reported.length && shared < now.length
        && reported[reported.length - 1 - shared].equals(now[now.length - 1 - shared])) {
      shared++;
    }
    for (int i = reported.length - 1; i >= 0; i--) {
      String c = reported[i].getClassName();
      if (!c.startsWith("io.netty.") && !c.startsWith("io.vertx.") && !c.startsWith("java.")
          && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
        return shared >= reported.length - i;
      }
    }
    return shared == reported.length;
  }

  private static List<ThreadInfo> sameName(String name) {
    // names first, without stacks: a multi-node test has hundreds of threads, and a loaded machine
    // reports often
    long[] ids = Arrays.stream(THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0))
        .filter(i -> i != null && i.getThreadName().equals(name)).mapToLong(ThreadInfo::getThreadId).toArray();
    return Arrays.stream(THREADS.getThreadInfo(ids, Integer.MAX_VALUE)).filter(i -> i != null).toList();
  }

  private static String describe(ThreadInfo t, ThreadInfo owner, long millis) {
    StackTraceElement[] stack = t.getStackTrace();
    StackTraceElement io = blockingCall(stack);
    String what = io != null ? "in a blocking call " + io
        : t.getThreadState() + (t.getLockName() == null ? "" : " on " + t.getLockName())
            + (owner == null ? "" : " held by " + owner.getThreadName() + " (" + owner.getThreadState()
                + (blockingCall(owner.getStackTrace()) == null ? "" : ", in " + blockingCall(owner.getStackTrace()))
                + ")");
    return t.getThreadName() + " in a task for " + millis + " ms is " + what + ", at " + top(stack);
  }

  private static String top(StackTraceElement[] stack) {
    if (stack == null) {
      return "(no stack)";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(12, stack.length); i++) {
      out.append("\n    ").append(stack[i]);
    }
    return out.toString();
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
      throw new AssertionError("an event loop broke the discipline during " + context.getDisplayName() + ": "
          + String.join("\n  ", blocked));
    }
  }
}
