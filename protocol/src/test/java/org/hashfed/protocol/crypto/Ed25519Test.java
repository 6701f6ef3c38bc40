package org.hashfed.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Ed25519Test {

  private static final HexFormat HEX = HexFormat.of();

  /** RFC 8032 section 7.1, TEST 1, 2 and 3: seed, public key, message, signature. */
  @ParameterizedTest(name = "RFC 8032 7.1 TEST {0}")
  @CsvSource({
      "1, 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
          + " d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '',"
          + " e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
      "2, 4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
          + " 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72,"
          + " 92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
      "3, c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7,"
          + " fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025, af82,"
          + " 6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
  })
  void rfc8032Vectors_signAndVerify(int test, String seed, String pub, String msg, String sig) {
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(HEX.parseHex(seed));
    assertEquals(pub, HEX.formatHex(key.publicKey().bytes()));
    byte[] message = HEX.parseHex(msg);
    assertEquals(sig, HEX.formatHex(key.sign(message)));
    Ed25519PublicKey publicKey = Ed25519PublicKey.fromBytes(HEX.parseHex(pub));
    assertDoesNotThrow(() -> publicKey.verify(message, HEX.parseHex(sig)));
  }

  @Test
  void verify_withSPlusL_throws() {
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(HEX.parseHex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    byte[] sig = key.sign(new byte[0]);
    byte[] malleated = withSPlusL(sig);
    SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
        () -> key.publicKey().verify(new byte[0], malleated));
    assertTrue(e.getMessage().contains("S is not below the group order"), e.getMessage());
  }

  @Test
  void verify_withFlippedBit_throws() {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    byte[] msg = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] sig = key.sign(msg);
    for (int bit = 0; bit < 512; bit += 7) {
      byte[] bad = sig.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThrows(SignatureVerificationException.class, () -> key.publicKey().verify(msg, bad));
    }
    byte[] badMsg = msg.clone();
    badMsg[0] ^= 1;
    assertThrows(SignatureVerificationException.class, () -> key.publicKey().verify(badMsg, sig));
  }

  @Test
  void verify_withWrongLength_throws() {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    assertThrows(SignatureVerificationException.class, () -> key.publicKey().verify(new byte[1], new byte[63]));
  }

  @Test
  void fromBytes_withSmallOrderPoint_throws() {
    byte[] identity = new byte[32];
    identity[0] = 1;
    assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromBytes(identity));
  }

  @Test
  void fromBytes_withNonCanonicalY_throws() {
    byte[] y = HEX.parseHex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromBytes(y));
    assertTrue(e.getMessage().contains("non-canonical"), e.getMessage());
  }

  @Test
  void keyId_isSha256OfPublicKeyHex() throws Exception {
    Ed25519PublicKey k = Ed25519PublicKey.fromBytes(HEX.parseHex(
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    String expected = HEX.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(k.bytes()));
    assertEquals(expected, k.keyId().hex());
    assertEquals(k.keyId(), KeyId.parse(expected));
    assertThrows(IllegalArgumentException.class, () -> KeyId.parse(expected.toUpperCase()));
  }

  @Test
  void privateKey_toString_doesNotLeakSeed() {
    byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    String text = Ed25519PrivateKey.fromSeed(seed).toString();
    assertFalse(text.contains("9d61b19d"), text);
    assertFalse(text.contains(java.util.Base64.getEncoder().encodeToString(seed).substring(0, 8)), text);
  }

  @Test
  void base64_roundTrips() {
    Ed25519PublicKey k = Ed25519PrivateKey.generate(new SecureRandom()).publicKey();
    assertArrayEquals(k.bytes(), Ed25519PublicKey.fromBase64(k.toBase64()).bytes());
  }

  static byte[] withSPlusL(byte[] sig) {
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = sig[63 - i];
    }
    byte[] sum = new BigInteger(1, be).add(Ed25519PublicKey.L).toByteArray();
    byte[] out = sig.clone();
    for (int i = 0; i < 32; i++) {
      out[32 + i] = i < sum.length ? sum[sum.length - 1 - i] : 0;
    }
    return out;
  }
}
