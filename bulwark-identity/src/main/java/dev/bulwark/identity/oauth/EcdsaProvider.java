package dev.bulwark.identity.oauth;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA provider our ES256 signing and verification run on: Bouncy Castle, used explicitly and
 * never registered globally (so nothing else in the JVM changes behaviour). Why: measured here with
 * JDK 17, one P-256 verification costs ~1.2 ms of CPU in SunEC and ~0.23 ms in Bouncy Castle; a
 * cheaper verification shrinks what a flood of forged tokens can cost us. Bouncy Castle rejects r =
 * 0 or s = 0 signatures (CVE-2022-21449), which the attack tests check.
 */
final class EcdsaProvider {
  static final Provider INSTANCE = new BouncyCastleProvider();

  private EcdsaProvider() {}
}
