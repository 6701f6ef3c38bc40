package org.hashfed.node.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterFormatException;

/**
 * The node's configured roster file as the log needs it: the signed roster envelope when the file
 * holds one (the roster history to serve auditors), and member keys for the logs it witnesses.
 * The single-member development roster has no signatures and gives no history.
 */
final class RosterFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Envelope> signed;
  private final Optional<Roster> roster;
  private final JsonNode devRoster;

  private RosterFile(List<Envelope> signed, Optional<Roster> roster, JsonNode devRoster) {
    this.signed = signed;
    this.roster = roster;
    this.devRoster = devRoster;
  }

  static RosterFile read(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      JsonNode tree = JSON.readTree(bytes);
      if (tree.has("payloadType")) {
        // A roster file may hold the chain, one envelope per line, version 1 first (spec/config.md).
        List<Envelope> chain = new java.util.ArrayList<>();
        for (String line : new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank()) {
            chain.add(Envelope.parse(line.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          }
        }
        Envelope last = chain.get(chain.size() - 1);
        return new RosterFile(List.copyOf(chain), Optional.of(Roster.parse(last.payload())), tree);
      }
      return new RosterFile(List.of(), Optional.empty(), tree);
    } catch (IOException | EnvelopeFormatException | RosterFormatException e) {
      throw new IllegalStateException("cannot read roster file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The roster versions to serve, oldest first: the signed roster, or none for a development roster. */
  List<Envelope> history() {
    return signed;
  }

  /** The consortium name of a signed roster. */
  Optional<String> consortium() {
    return roster.map(Roster::consortium);
  }

  /** The key of {@code member}, from the signed roster or the development roster. */
  Optional<Ed25519PublicKey> memberKey(MemberId member) {
    if (roster.isPresent()) {
      return roster.get().memberKey(member);
    }
    for (JsonNode m : devRoster.path("members")) {
      if (member.value().equals(m.path("id").asText())) {
        return Optional.of(Ed25519PublicKey.fromBase64(m.path("public_key").asText()));
      }
    }
    return Optional.empty();
  }
}
