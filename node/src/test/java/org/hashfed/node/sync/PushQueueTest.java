package org.hashfed.node.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hashfed.protocol.entry.MemberId;
import org.junit.jupiter.api.Test;

/** Batches taken from a peer's push queue: within the body limit, each author's entries in order. */
class PushQueueTest {

  private static final long LIMIT = 64 * 1024;
  private static final MemberId A = MemberId.parse("member-a");
  private static final MemberId B = MemberId.parse("member-b");

  /** A stand-in envelope of about {@code size} bytes: the queue only measures and orders them. */
  private static PushQueue.Item item(MemberId author, int seq, int size) {
    String head = "{\"author\":\"" + author.value() + "\",\"seq\":" + seq + ",\"pad\":\"";
    String json = head + "x".repeat(Math.max(0, size - head.length() - 2)) + "\"}";
    return PushQueue.Item.of(author, new PeerMessages.Pushed(json.getBytes(StandardCharsets.UTF_8),
        List.of(MemberId.parse("member-c"), MemberId.parse("member-d"))));
  }

  private static String label(PushQueue.Item i) {
    String json = new String(i.pushed().envelope(), StandardCharsets.UTF_8);
    return json.substring(json.indexOf("member-"), json.indexOf("\",\"seq\"")) + "#"
        + json.substring(json.indexOf("\"seq\":") + 6, json.indexOf(",\"pad\""));
  }

  @Test
  void burstLargerThanTheBodyLimit_isTakenInSeveralBatches_eachWithinTheLimit_inOrder() {
    PushQueue q = new PushQueue(10_000, LIMIT);
    List<String> queued = new ArrayList<>();
    for (int i = 1; i <= 99; i++) {
      PushQueue.Item it = item(A, i, 1900);
      assertEquals(PushQueue.Offered.QUEUED, q.offer(it));
      queued.add(label(it));
    }
    List<String> taken = new ArrayList<>();
    int batches = 0;
    while (!q.isEmpty()) {
      List<PushQueue.Item> batch = q.take(Set.of(), 256);
      batches++;
      long body = PeerMessages.encodePush(batch.stream().map(PushQueue.Item::pushed).toList()).length();
      assertTrue(body <= LIMIT, "batch " + batches + " has a body of " + body + " bytes");
      assertTrue(body > LIMIT - 2000, "batch " + batches + " was cut before it was full: " + body + " bytes");
      batch.forEach(i -> taken.add(label(i)));
    }
    assertEquals(queued, taken);
    assertEquals(3, batches);
  }

  @Test
  void requeuedBatch_goesFirstInItsOrder_unlessTheQueueHasNoRoomForIt() {
    PushQueue q = new PushQueue(5, LIMIT);
    for (int i = 1; i <= 3; i++) {
      q.offer(item(A, i, 100));
    }
    List<PushQueue.Item> refused = q.take(Set.of(), 2);
    q.offer(item(A, 4, 100));
    assertTrue(q.requeue(refused));
    assertEquals(List.of("member-a#1", "member-a#2", "member-a#3", "member-a#4"),
        q.take(Set.of(), 256).stream().map(PushQueueTest::label).toList());

    PushQueue full = new PushQueue(3, LIMIT);
    for (int i = 1; i <= 3; i++) {
      full.offer(item(B, i, 100));
    }
    List<PushQueue.Item> taken = full.take(Set.of(), 2);
    full.offer(item(B, 4, 100));
    full.offer(item(B, 5, 100));
    assertTrue(!full.requeue(taken), "3 queued and 2 requeued exceed the 3 the queue holds");
    assertEquals(3, full.size());
  }

  @Test
  void takeCutDown_forAPeerWhosePushesTimeOut_staysWithinTheSmallerBody_butAlwaysMovesOneEntry() {
    PushQueue q = new PushQueue(10_000, LIMIT);
    for (int i = 1; i <= 10; i++) {
      q.offer(item(A, i, 1900));
    }
    List<PushQueue.Item> batch = q.take(Set.of(), 256, 8 * 1024);
    long body = PeerMessages.encodePush(batch.stream().map(PushQueue.Item::pushed).toList()).length();
    assertTrue(body <= 8 * 1024 && body > 8 * 1024 - 2000, batch.size() + " entries in " + body + " bytes");
    // A cut smaller than one entry still moves one entry per push, the next in order.
    List<PushQueue.Item> one = q.take(Set.of(), 256, 1024);
    assertEquals(List.of("member-a#" + (batch.size() + 1)), one.stream().map(PushQueueTest::label).toList());
  }

  @Test
  void take_stopsAtTheEntryCountLimit() {
    PushQueue q = new PushQueue(10_000, LIMIT);
    for (int i = 1; i <= 10; i++) {
      q.offer(item(A, i, 300));
    }
    assertEquals(4, q.take(Set.of(), 4).size());
    assertEquals(6, q.size());
  }

  @Test
  void busyAuthor_staysQueued_whileOtherAuthorsGo() {
    PushQueue q = new PushQueue(10_000, LIMIT);
    q.offer(item(A, 1, 300));
    q.offer(item(B, 1, 300));
    q.offer(item(A, 2, 300));
    q.offer(item(B, 2, 300));

    assertEquals(List.of("member-b#1", "member-b#2"), q.take(Set.of(A), 256).stream().map(PushQueueTest::label).toList());
    assertEquals(List.of("member-a#1", "member-a#2"), q.take(Set.of(), 256).stream().map(PushQueueTest::label).toList());
  }

  @Test
  void entryThatDoesNotFit_holdsBackTheRestOfItsAuthor_butNotOtherAuthors() {
    PushQueue q = new PushQueue(10_000, LIMIT);
    q.offer(item(B, 1, 40_000));
    q.offer(item(A, 1, 30_000));
    q.offer(item(A, 2, 300));
    q.offer(item(B, 2, 300));

    List<String> first = q.take(Set.of(), 256).stream().map(PushQueueTest::label).toList();

    assertEquals(List.of("member-b#1", "member-b#2"), first, "A#2 must not overtake A#1, which did not fit");
    assertEquals(List.of("member-a#1", "member-a#2"), q.take(Set.of(), 256).stream().map(PushQueueTest::label).toList());
  }

  @Test
  void offer_refusesAnEntryLargerThanAnyPushBody_andBeyondTheQueueBound() {
    PushQueue q = new PushQueue(2, LIMIT);
    assertEquals(PushQueue.Offered.TOO_LARGE, q.offer(item(A, 1, (int) LIMIT)));
    assertEquals(PushQueue.Offered.QUEUED, q.offer(item(A, 1, 300)));
    assertEquals(PushQueue.Offered.QUEUED, q.offer(item(A, 2, 300)));
    assertEquals(PushQueue.Offered.FULL, q.offer(item(A, 3, 300)));
    assertEquals(2, q.size());
  }

  @Test
  void computedSizes_matchTheEncodedBodies() {
    List<PeerMessages.Pushed> items = List.of(item(A, 1, 500).pushed(),
        new PeerMessages.Pushed("{\"x\":1}".getBytes(StandardCharsets.UTF_8), List.of()),
        new PeerMessages.Pushed("{}".getBytes(StandardCharsets.UTF_8), List.of(B)));
    long itemBytes = 0;
    for (PeerMessages.Pushed p : items) {
      itemBytes += PeerMessages.pushItemBytes(p);
      assertEquals(PeerMessages.encodePush(List.of(p)).length(), PeerMessages.pushBodyBytes(1, PeerMessages.pushItemBytes(p)));
    }
    assertEquals(PeerMessages.encodePush(items).length(), PeerMessages.pushBodyBytes(items.size(), itemBytes));
    assertEquals(PeerMessages.encodePush(List.of()).length(), PeerMessages.pushBodyBytes(0, 0));

    List<byte[]> envelopes = List.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(PeerMessages.encodeFeed(A, 1234, envelopes).length(), PeerMessages.feedBodyBytes(A, 1234, 2, 9));
    assertEquals(PeerMessages.encodeFeed(A, 1, List.of()).length(), PeerMessages.feedBodyBytes(A, 1, 0, 0));
  }
}
