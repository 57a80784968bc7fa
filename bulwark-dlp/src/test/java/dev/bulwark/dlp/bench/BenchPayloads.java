package dev.bulwark.dlp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic ~10 MB mix of JSON payloads (1–64 KB each) as an integration would carry them:
 * Stripe's own fixture objects (ids, timestamps, URLs, few personal values), CRM contact pages
 * (names, e-mails, phones, addresses, free-text notes; now and then a card, SSN, IBAN or token),
 * and event logs (IPs, user agents, durations).
 */
public final class BenchPayloads {
  public static final int TARGET_BYTES = 10 * 1024 * 1024;

  private BenchPayloads() {}

  public static List<byte[]> generate() {
    Random r = new Random(42);
    String stripe = stripeFixtures();
    List<byte[]> out = new ArrayList<>();
    long total = 0;
    int i = 0;
    while (total < TARGET_BYTES) {
      String p =
          switch (i++ % 3) {
            case 0 -> stripe.substring(0, Math.min(stripe.length(), 1024 + r.nextInt(63 * 1024)));
            case 1 -> contacts(r, 5 + r.nextInt(150));
            default -> events(r, 10 + r.nextInt(200));
          };
      byte[] b = p.getBytes(StandardCharsets.UTF_8);
      if (total + b.length > TARGET_BYTES) {
        b = java.util.Arrays.copyOf(b, (int) (TARGET_BYTES - total));
      }
      out.add(b);
      total += b.length;
    }
    return out;
  }

  private static String stripeFixtures() {
    try (InputStream in =
        BenchPayloads.class.getResourceAsStream("/vendor/stripe/fixtures3.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String[] FIRST = {
    "Jane", "John", "Maria", "Li", "Ahmed", "Olga", "Pierre", "Sven", "Aiko", "Carlos"
  };
  private static final String[] LAST = {
    "Doe", "Smith", "Garcia", "Wang", "Khan", "Ivanova", "Martin", "Berg", "Tanaka", "Lopez"
  };
  private static final String[] NOTES = {
    "Called about renewal, wants a quote for 50 seats before the end of the quarter.",
    "Prefers e-mail. Timezone Europe/Berlin. Met at the 2024 partner summit.",
    "Escalated ticket #48213 about SSO; resolved after IdP metadata refresh.",
    "Budget approved; procurement needs W-9 and security questionnaire v3.2.1.",
  };

  private static String contacts(Random r, int n) {
    StringBuilder sb = new StringBuilder("{\"object\":\"list\",\"has_more\":true,\"data\":[");
    for (int k = 0; k < n; k++) {
      String f = FIRST[r.nextInt(FIRST.length)];
      String l = LAST[r.nextInt(LAST.length)];
      if (k > 0) {
        sb.append(',');
      }
      sb.append("{\"id\":\"003")
          .append(Long.toString(r.nextLong() & Long.MAX_VALUE, 36))
          .append("\",\"created\":")
          .append(1700000000 + r.nextInt(30000000))
          .append(",\"first_name\":\"")
          .append(f)
          .append("\",\"last_name\":\"")
          .append(l)
          .append("\",\"email\":\"")
          .append(f.toLowerCase())
          .append('.')
          .append(l.toLowerCase())
          .append("@example.com\"")
          .append(",\"phone\":\"+1 415-555-0")
          .append(100 + r.nextInt(900))
          .append('"')
          .append(",\"address\":{\"line1\":\"")
          .append(1 + r.nextInt(999))
          .append(" Market St\",\"city\":\"San Francisco\",\"postal_code\":\"941")
          .append(10 + r.nextInt(80))
          .append("\"}")
          .append(",\"score\":")
          .append(r.nextInt(100))
          .append('.')
          .append(r.nextInt(100))
          .append(",\"notes\":\"")
          .append(NOTES[r.nextInt(NOTES.length)])
          .append('"');
      switch (r.nextInt(20)) {
        case 0 -> sb.append(",\"card\":\"4111 1111 1111 1111\"");
        case 1 -> sb.append(",\"ssn\":\"123-45-6780\"");
        case 2 -> sb.append(",\"iban\":\"DE89370400440532013000\"");
        case 3 ->
            sb.append(",\"api_token\":\"ghp_")
                .append("aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A")
                .append('"');
        default -> {}
      }
      sb.append('}');
    }
    return sb.append("]}").toString();
  }

  private static String events(Random r, int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        sb.append(',');
      }
      sb.append("{\"ts\":\"2026-11-")
          .append(10 + r.nextInt(20))
          .append("T1")
          .append(r.nextInt(10))
          .append(":2")
          .append(r.nextInt(10))
          .append(":00Z\"")
          .append(",\"ip\":\"10.")
          .append(r.nextInt(256))
          .append('.')
          .append(r.nextInt(256))
          .append('.')
          .append(1 + r.nextInt(254))
          .append('"')
          .append(",\"method\":\"GET\",\"path\":\"/v1/customers/cus_")
          .append(Long.toString(r.nextLong() & Long.MAX_VALUE, 36))
          .append("\",\"status\":")
          .append(r.nextBoolean() ? 200 : 404)
          .append(",\"ms\":")
          .append(r.nextInt(900))
          .append(
              ",\"ua\":\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0.0.0\"}");
    }
    return sb.append(']').toString();
  }
}
