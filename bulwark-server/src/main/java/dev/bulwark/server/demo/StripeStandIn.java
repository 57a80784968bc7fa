package dev.bulwark.server.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Stripe API v1: list and read customers, list charges, with Stripe's own example objects
 * (fixtures3.json, resources under {@code standins/stripe}).
 */
final class StripeStandIn implements StandInApi {
  private final JsonObject customer = StandInJson.object("standins/stripe/customer.json");
  private final JsonObject charge = StandInJson.object("standins/stripe/charge.json");

  @Override
  public String appId() {
    return "stripe";
  }

  @Override
  public void mount(Router router) {
    router.get("/v1/customers").handler(ctx -> ctx.json(list("/v1/customers", customer)));
    router.get("/v1/customers/:customer").handler(this::oneCustomer);
    router.get("/v1/charges").handler(ctx -> ctx.json(list("/v1/charges", charge)));
  }

  private void oneCustomer(RoutingContext ctx) {
    String id = ctx.pathParam("customer");
    if (!id.startsWith("cus_")) {
      ctx.response()
          .setStatusCode(404)
          .putHeader("content-type", "application/json")
          .end(
              new JsonObject()
                  .put(
                      "error",
                      new JsonObject()
                          .put("code", "resource_missing")
                          .put("message", "No such customer: '" + id.replaceAll("[^\\w]", "") + "'")
                          .put("param", "id")
                          .put("type", "invalid_request_error"))
                  .encode());
      return;
    }
    ctx.json(customer.copy().put("id", id));
  }

  private static JsonObject list(String url, JsonObject item) {
    return new JsonObject()
        .put("object", "list")
        .put("url", url)
        .put("has_more", false)
        .put("data", new JsonArray().add(item.copy()));
  }

  @Override
  public JsonObject unauthorizedBody() {
    // Stripe names a masked key here; the stand-in names none, so nothing secret is ever echoed.
    return new JsonObject()
        .put(
            "error",
            new JsonObject()
                .put("message", "Invalid API Key provided.")
                .put("type", "invalid_request_error"));
  }
}
