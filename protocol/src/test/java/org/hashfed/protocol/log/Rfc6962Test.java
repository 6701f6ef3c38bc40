package org.hashfed.protocol.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known answers from RFC 6962 implementations: the certificate-transparency / transparency-dev
 * merkle test vectors (testonly/constants.go, rfc6962_test.go, proof/verify_test.go,
 * compact/range_test.go).
 */
class Rfc6962Test {

  /** The eight leaves of the CT reference tree. */
  static final List<byte[]> CT_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
      "606162636465666768696a6b6c6d6e6f").stream().map(HexFormat.of()::parseHex).toList();

  /** Roots of the CT reference tree at sizes 0..8. */
  static final List<String> CT_ROOTS = List.of(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  static MerkleTree ctTree() {
    MerkleTree tree = MerkleTree.inMemory();
    CT_LEAVES.forEach(tree::append);
    return tree;
  }

  static List<Hash32> hashes(String spaceSeparatedHex) {
    if (spaceSeparatedHex.isBlank()) {
      return List.of();
    }
    return List.of(spaceSeparatedHex.trim().split(" +")).stream().map(Hash32::fromHex).collect(Collectors.toList());
  }

  @Test
  void emptyRoot_isSha256OfEmptyString() {
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Rfc6962.EMPTY_ROOT.toHex());
    assertEquals(Rfc6962.EMPTY_ROOT, MerkleTree.inMemory().root());
  }

  @Test
  void leafHash_matchesKnownAnswers() {
    assertEquals("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        Rfc6962.leafHash(new byte[0]).toHex());
    assertEquals("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56",
        Rfc6962.leafHash("L123456".getBytes(StandardCharsets.US_ASCII)).toHex());
  }

  @Test
  void nodeHash_matchesCtReferenceTreeNodes() {
    List<Hash32> level0 = CT_LEAVES.stream().map(Rfc6962::leafHash).toList();
    assertEquals(hashes("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d "
        + "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7 "
        + "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7 "
        + "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7 "
        + "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b "
        + "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658 "
        + "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f "
        + "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"), level0);
    List<Hash32> level1 = List.of(Rfc6962.nodeHash(level0.get(0), level0.get(1)),
        Rfc6962.nodeHash(level0.get(2), level0.get(3)), Rfc6962.nodeHash(level0.get(4), level0.get(5)),
        Rfc6962.nodeHash(level0.get(6), level0.get(7)));
    assertEquals(hashes("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125 "
        + "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e "
        + "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a "
        + "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"), level1);
    assertEquals(Hash32.fromHex("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
        Rfc6962.nodeHash(level1.get(2), level1.get(3)));
  }

  @Test
  void root_atEverySize_matchesCtReferenceRoots() {
    MerkleTree tree = ctTree();
    for (int size = 0; size <= 8; size++) {
      assertEquals(CT_ROOTS.get(size), tree.root(size).toHex(), "root at size " + size);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "0, 1, ''",
      "0, 2, 96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "1, 2, 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "2, 3, fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "1, 5, 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d "
          + "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e "
          + "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "0, 8, 96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7 "
          + "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e "
          + "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
      "5, 8, bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b "
          + "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0 "
          + "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  })
  void inclusionProof_matchesCtReferenceAndVerifies(long index, long size, String expected) throws Exception {
    MerkleTree tree = ctTree();
    List<Hash32> proof = tree.inclusionProof(index, size);
    assertEquals(hashes(expected), proof);
    LogProofs.verifyInclusion(Rfc6962.leafHash(CT_LEAVES.get((int) index)), index, size, proof,
        Hash32.fromHex(CT_ROOTS.get((int) size)));
  }

  @ParameterizedTest
  @CsvSource({
      "1, 1, ''",
      "1, 8, 96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7 "
          + "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e "
          + "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
      "6, 8, 0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a "
          + "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0 "
          + "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "2, 5, 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e "
          + "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
  })
  void consistencyProof_matchesCtReferenceAndVerifies(long size1, long size2, String expected) throws Exception {
    MerkleTree tree = ctTree();
    List<Hash32> proof = tree.consistencyProof(size1, size2);
    assertEquals(hashes(expected), proof);
    LogProofs.verifyConsistency(size1, size2, proof, Hash32.fromHex(CT_ROOTS.get((int) size1)),
        Hash32.fromHex(CT_ROOTS.get((int) size2)));
  }

  /** Roots from transparency-dev/merkle compact/range_test.go TestGetRootHashGolden: leaf i is i as 2 bytes little-endian. */
  @Test
  void root_atLargerSizes_matchesGoldenRoots() {
    MerkleTree tree = MerkleTree.inMemory();
    List<Object[]> golden = List.of(
        new Object[] {10, "VjWMPSYNtCuCNlF/RLnQy6HcwSk6CIipfxm+hettA+4="},
        new Object[] {15, "j4SulYmocFuxdeyp12xXCIgK6PekBcxzAIj4zbQzNEI="},
        new Object[] {16, "c+4Uc6BCMOZf/v3NZK1kqTUJe+bBoFtOhP+P3SayKRE="},
        new Object[] {100, "dUh9hYH88p0CMoHkdr1wC2szbhcLAXOejWpINIooKUY="},
        new Object[] {255, "SmdsuKUqiod3RX2jyF2M6JnbdE4QuTwwipfAowI4/i0="},
        new Object[] {256, "qFI0t/tZ1MdOYgyPpPzHFiZVw86koScXy9q3FU5casA="},
        new Object[] {1000, "RXrgb8xHd55Y48FbfotJwCbV82Kx22LZfEbmBGAvwlQ="},
        new Object[] {4095, "cWRFdQhPcjn9WyBXE/r1f04ejxIm5lvg40DEpRBVS0w="},
        new Object[] {4096, "6uU/phfHg1n/GksYT6TO9aN8EauMCCJRl3dIK0HDs2M="},
        new Object[] {10000, "VZcav65F9haHVRk3wre2axFoBXRNeUh/1d9d5FQfxIg="},
        new Object[] {65535, "iPuVYJhP6SEE4gUFp8qbafd2rYv9YTCDYqAxCj8HdLM="});
    for (int i = 0; i < 65535; i++) {
      tree.append(new byte[] {(byte) i, (byte) (i >>> 8)});
    }
    for (Object[] row : golden) {
      assertEquals(row[1], tree.root((int) row[0]).toBase64(), "root at size " + row[0]);
    }
  }

  @Test
  void hash32_rejectsWrongLengthsAndNonCanonicalBase64() {
    assertThrows(IllegalArgumentException.class, () -> Hash32.of(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> Hash32.fromHex("00"));
    assertThrows(IllegalArgumentException.class, () -> Hash32.fromHex("zz" + "0".repeat(62)));
    String base64 = Rfc6962.EMPTY_ROOT.toBase64();
    assertEquals(Rfc6962.EMPTY_ROOT, Hash32.fromBase64(base64));
    assertThrows(IllegalArgumentException.class, () -> Hash32.fromBase64(base64.substring(0, 43)));
    // The last character carries two unused bits; setting one gives a non-canonical spelling.
    String nonCanonical = base64.substring(0, 42) + "V=";
    assertThrows(IllegalArgumentException.class, () -> Hash32.fromBase64(nonCanonical));
  }
}
