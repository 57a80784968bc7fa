package dev.bulwark.server.demo;

import dev.bulwark.model.Integration;
import dev.bulwark.model.Perimeter;
import dev.bulwark.model.UpstreamAuth;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The upstream secrets of one demo run: fresh random values, per vault reference, for every
 * integration that reaches a stand-in with a bearer or basic credential. The same values go into
 * the vault (for the gateway to inject) and into the stand-ins (to check), so a 200 from a stand-in
 * proves the gateway brokered the secret: the caller only ever held its Bulwark key.
 *
 * @param byRef vault reference to secret (bearer token, or {@code user:password} for basic)
 * @param acceptedByApp app id to the exact {@code Authorization} values its stand-in accepts
 */
public record DemoSecrets(Map<String, String> byRef, Map<String, Set<String>> acceptedByApp) {
  private static final SecureRandom RANDOM = new SecureRandom();

  // Vendor-like prefixes so the demo secrets look like what a DLP detector would look for.
  private static final Map<String, String> PREFIX =
      Map.of(
          "salesforce", "00Dx0000000demo!",
          "hubspot", "pat-na1-",
          "slack", "xoxb-",
          "github", "ghp_",
          "stripe", "rk_test_",
          "workday", "ISU_");

  /** Generates secrets for the integrations of {@code perimeter} whose app is in {@code apps}. */
  public static DemoSecrets generate(Perimeter perimeter, Set<String> apps) {
    Map<String, String> byRef = new LinkedHashMap<>();
    Map<String, Set<String>> accepted = new HashMap<>();
    for (Integration integration : perimeter.integrations().values()) {
      UpstreamAuth upstream = integration.upstream();
      if (!apps.contains(integration.app()) || upstream == null || upstream.secretRef() == null) {
        continue;
      }
      String prefix = PREFIX.getOrDefault(integration.app(), "demo_");
      String header;
      String secret;
      switch (upstream.kind()) {
        case BEARER -> {
          secret = byRef.computeIfAbsent(upstream.secretRef(), r -> prefix + random());
          header = "Bearer " + secret;
        }
        case BASIC -> {
          secret =
              byRef.computeIfAbsent(
                  upstream.secretRef(), r -> prefix + integration.id() + ":" + random());
          header =
              "Basic "
                  + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        }
        default -> {
          continue; // the demo apps use bearer and basic only
        }
      }
      accepted.computeIfAbsent(integration.app(), a -> new HashSet<>()).add(header);
    }
    return new DemoSecrets(byRef, accepted);
  }

  public DemoSecrets {
    byRef = Map.copyOf(byRef);
    Map<String, Set<String>> copy = new HashMap<>();
    acceptedByApp.forEach((app, values) -> copy.put(app, Set.copyOf(values)));
    acceptedByApp = Map.copyOf(copy);
  }

  /** The values a stand-in for {@code app} accepts (empty: it accepts nothing). */
  public Set<String> acceptedFor(String app) {
    return acceptedByApp.getOrDefault(app, Set.of());
  }

  private static String random() {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public String toString() {
    return "DemoSecrets[refs=" + byRef.keySet() + "]"; // never the values
  }
}
