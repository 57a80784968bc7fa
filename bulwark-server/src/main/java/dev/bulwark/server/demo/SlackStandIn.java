package dev.bulwark.server.demo;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Slack Web API: chat.postMessage, conversations.list, users.list, answering the 200 examples of
 * Slack's own OpenAPI description (resources under {@code standins/slack}).
 */
final class SlackStandIn implements StandInApi {
  private final JsonObject postMessage = StandInJson.object("standins/slack/chat.postMessage.json");
  private final JsonObject conversations =
      StandInJson.object("standins/slack/conversations.list.json");
  private final JsonObject users = StandInJson.object("standins/slack/users.list.json");

  @Override
  public String appId() {
    return "slack";
  }

  @Override
  public void mount(Router router) {
    router.post("/api/chat.postMessage").handler(this::postMessage);
    router.get("/api/conversations.list").handler(ctx -> ctx.json(conversations));
    router.get("/api/users.list").handler(ctx -> ctx.json(users));
  }

  private void postMessage(RoutingContext ctx) {
    JsonObject reply = postMessage.copy();
    JsonObject body = ctx.body().length() > 0 ? safeJson(ctx) : null;
    if (body != null && body.getString("channel") != null) {
      reply.put("channel", body.getString("channel"));
      if (body.getString("text") != null) {
        reply.getJsonObject("message").put("text", body.getString("text"));
      }
    }
    ctx.json(reply);
  }

  private static JsonObject safeJson(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      return null; // form-encoded bodies are valid for Slack too; echo the example as is
    }
  }

  @Override
  public int unauthorizedStatus() {
    return 200; // Slack reports auth failures in the body with HTTP 200
  }

  @Override
  public JsonObject unauthorizedBody() {
    return new JsonObject().put("ok", false).put("error", "invalid_auth");
  }
}
