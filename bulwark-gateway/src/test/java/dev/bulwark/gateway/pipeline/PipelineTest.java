package dev.bulwark.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {
  private final List<String> ran = new ArrayList<>();

  private static Exchange exchange() {
    return Exchange.detached(
        HttpMethod.GET, "/app/x", MultiMap.caseInsensitiveMultiMap(), "127.0.0.1", "rid-1");
  }

  private Stage.Sync sync(String name, Verdict verdict) {
    return new Stage.Sync() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Verdict decide(Exchange exchange) {
        ran.add(name);
        return verdict;
      }
    };
  }

  private Stage.Async async(String name, Future<Verdict> verdict) {
    return new Stage.Async() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<Verdict> decide(Exchange exchange) {
        ran.add(name);
        return verdict;
      }
    };
  }

  @Test
  void allContinueRunsEveryStageInOrderAndCompletesAtOnce() {
    Pipeline p =
        Pipeline.builder()
            .then(sync("a", Verdict.CONTINUE))
            .then(async("b", Future.succeededFuture(Verdict.CONTINUE)))
            .then(sync("c", Verdict.CONTINUE))
            .build();
    Future<Verdict> result = p.run(exchange());
    assertThat(result.isComplete()).isTrue();
    assertThat(result.result()).isSameAs(Verdict.CONTINUE);
    assertThat(ran).containsExactly("a", "b", "c");
    assertThat(p.stageNames()).containsExactly("a", "b", "c");
  }

  @Test
  void firstRejectionStopsThePipeline() {
    Verdict.Reject no = Verdict.reject(403, "authz.route_denied", "no");
    Pipeline p =
        Pipeline.builder()
            .then(sync("a", Verdict.CONTINUE))
            .then(sync("b", no))
            .then(sync("c", Verdict.CONTINUE))
            .build();
    assertThat(p.run(exchange()).result()).isEqualTo(no);
    assertThat(ran).containsExactly("a", "b");
  }

  @Test
  void pendingAsyncStageResumesWithTheNextStage() {
    Promise<Verdict> later = Promise.promise();
    Pipeline p =
        Pipeline.builder()
            .then(async("wait", later.future()))
            .then(sync("after", Verdict.CONTINUE))
            .build();
    Future<Verdict> result = p.run(exchange());
    assertThat(result.isComplete()).isFalse();
    assertThat(ran).containsExactly("wait");
    later.complete(Verdict.CONTINUE);
    assertThat(result.result()).isSameAs(Verdict.CONTINUE);
    assertThat(ran).containsExactly("wait", "after");
  }

  @Test
  void pendingAsyncRejectionIsEnforced() {
    Promise<Verdict> later = Promise.promise();
    Pipeline p =
        Pipeline.builder()
            .then(async("wait", later.future()))
            .then(sync("after", Verdict.CONTINUE))
            .build();
    Future<Verdict> result = p.run(exchange());
    later.complete(Verdict.reject(503, "broker.secret_missing", "gone"));
    assertThat(((Verdict.Reject) result.result()).reason()).isEqualTo("broker.secret_missing");
    assertThat(ran).containsExactly("wait");
  }

  @Test
  void brokenStagesFailClosedAndAreNamed() {
    Stage.Sync throwing =
        new Stage.Sync() {
          @Override
          public String name() {
            return "thrower";
          }

          @Override
          public Verdict decide(Exchange exchange) {
            throw new IllegalStateException("boom");
          }
        };
    assertBroken(Pipeline.builder().then(throwing).build(), "thrower");
    assertBroken(Pipeline.builder().then(sync("nully", null)).build(), "nully");
    assertBroken(Pipeline.builder().then(async("nofuture", null)).build(), "nofuture");
    assertBroken(
        Pipeline.builder()
            .then(async("failed", Future.failedFuture(new RuntimeException("x"))))
            .build(),
        "failed");
    assertBroken(
        Pipeline.builder().then(sync("status200", Verdict.reject(200, "x", "y"))).build(),
        "status200");
  }

  private void assertBroken(Pipeline p, String stage) {
    Verdict v = p.run(exchange()).result();
    assertThat(v).isInstanceOf(Verdict.Reject.class);
    Verdict.Reject r = (Verdict.Reject) v;
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.reason()).isEqualTo(Pipeline.STAGE_FAILED);
    assertThat(r.message()).contains(stage);
  }

  @Test
  void shadowStageRecordsButDoesNotEnforce() {
    Verdict.Reject strict = Verdict.reject(403, "authz.condition_false", "strict says no");
    Pipeline p =
        Pipeline.builder()
            .shadow(sync("strict", strict))
            .then(sync("next", Verdict.CONTINUE))
            .build();
    Exchange ex = exchange();
    assertThat(p.run(ex).result()).isSameAs(Verdict.CONTINUE);
    assertThat(ran).containsExactly("strict", "next");
    assertThat(ex.shadowedRejections()).containsExactly(new Exchange.Shadowed("strict", strict));
    assertThat(p.shadowRejections("strict")).isEqualTo(1);
  }

  @Test
  void duplicateStageNamesAreRefused() {
    assertThatThrownBy(
            () ->
                Pipeline.builder()
                    .then(sync("a", Verdict.CONTINUE))
                    .then(sync("a", Verdict.CONTINUE)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errorBodyIsEscapedJson() {
    String json =
        ErrorBody.json(new Verdict.Reject(403, "authz.route_denied", "no \"x\"\n", "r#1"), "id");
    assertThat(json)
        .isEqualTo(
            "{\"error\":\"authz.route_denied\",\"message\":\"no \\\"x\\\"\\n\","
                + "\"rule\":\"r#1\",\"requestId\":\"id\"}");
    assertThat(ErrorBody.json(Verdict.reject(401, "auth.missing", "m"), "id"))
        .contains("\"rule\":null");
  }

  @Test
  void upstreamCredentialNeverPrintsItsValue() {
    assertThat(new UpstreamCredential("Authorization", "Bearer s3cr3t").toString())
        .doesNotContain("s3cr3t");
  }
}
