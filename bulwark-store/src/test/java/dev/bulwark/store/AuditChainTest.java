package dev.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.AuditEvent;
import dev.bulwark.model.Decision;
import dev.bulwark.model.FlowFinding;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical encoding and hash are a stored format: pinned here against drift. */
class AuditChainTest {
  private static AuditEvent event(String requestId, String integration, String path) {
    return new AuditEvent(
        Instant.ofEpochSecond(1_700_000_000L, 123_456_789),
        requestId,
        integration,
        null,
        "GET",
        path,
        null,
        Decision.ALLOW,
        "ok",
        200,
        1,
        2,
        3,
        "127.0.0.1",
        List.of(new FlowFinding("pii.email", "response", "$.e", "alert")));
  }

  @Test
  void encodingAndHashMatchTheDocumentedFormat() {
    AuditRow row = AuditRow.chain(1, event("r1", "lead-sync", "/café"), AuditChain.GENESIS);

    assertThat(AuditChain.canonical(row))
        .isEqualTo(
            String.join(
                "\n",
                "bulwark.audit.v1",
                "1:1",
                "16:1700000000123456", // nanoseconds dropped: microseconds are stored
                "2:r1",
                "9:lead-sync",
                "~",
                "3:GET",
                "6:/café", // UTF-8 byte length
                "~",
                "5:ALLOW",
                "2:ok",
                "3:200",
                "1:1",
                "1:2",
                "1:3",
                "9:127.0.0.1",
                "1:1",
                "9:pii.email",
                "8:response",
                "3:$.e",
                "5:alert"));
    // Computed independently: sha256(64 zeros + "\n" + the text above), with Python's hashlib.
    assertThat(row.hash())
        .isEqualTo("e163b9007aec8167dfe9bcb385c1a3d07986a7edf91e60bf39a9f805e87ca8b8");
  }

  @Test
  void lengthPrefixesKeepShiftedBoundariesApart() {
    AuditRow a = AuditRow.chain(1, event("ab", "c", "/p"), AuditChain.GENESIS);
    AuditRow b = AuditRow.chain(1, event("a", "bc", "/p"), AuditChain.GENESIS);
    AuditRow nullVsText = AuditRow.chain(1, event("~", "c", "/p"), AuditChain.GENESIS);
    AuditRow nullField = AuditRow.chain(1, event(null, "c", "/p"), AuditChain.GENESIS);

    assertThat(a.hash()).isNotEqualTo(b.hash());
    assertThat(nullVsText.hash()).isNotEqualTo(nullField.hash());
  }

  @Test
  void theHashDependsOnThePreviousHashAndThePosition() {
    AuditEvent e = event("r1", "lead-sync", "/p");
    assertThat(AuditRow.chain(1, e, AuditChain.GENESIS).hash())
        .isNotEqualTo(AuditRow.chain(1, e, "1".repeat(64)).hash())
        .isNotEqualTo(AuditRow.chain(2, e, AuditChain.GENESIS).hash());
  }

  @Test
  void theByteEncoderGivesTheSameHashesAsTheStringEncoding() {
    AuditChain chain = new AuditChain(); // reused across rows, as in a batch
    String prev = AuditChain.GENESIS;
    List<AuditEvent> events =
        List.of(
            event("r1", "lead-sync", "/café/𝄞/\u00e9"),
            event(null, null, "/"),
            event("~", "", "/p?x=1"),
            new AuditEvent(
                Instant.ofEpochSecond(-5, 1_000),
                "r",
                "i",
                "a",
                "POST",
                "/x",
                "i#0",
                Decision.DENY,
                "authz.route_denied",
                403,
                Long.MAX_VALUE,
                0,
                -7,
                null,
                List.of(new FlowFinding("c", "request", null, "redact"))),
            StoreContract.event(99_999, "x".repeat(1_000)));
    long id = Long.MAX_VALUE - events.size() - 1; // a wide id
    for (AuditEvent e : events) {
      AuditRow row = AuditRow.chain(chain, ++id, e, prev);
      assertThat(row.hash()).isEqualTo(LegacyAuditAppend.hash(prev, row, e.findings()));
      assertThat(AuditChain.hash(prev, row)).isEqualTo(row.hash());
      prev = row.hash();
    }
  }
}
