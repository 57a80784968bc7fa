package dev.bulwark.server.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Workday REST (common API v1): list workers and read one worker, per tenant. */
final class WorkdayStandIn implements StandInApi {
  @Override
  public String appId() {
    return "workday";
  }

  @Override
  public void mount(Router router) {
    router.get("/ccx/api/v1/:tenant/workers").handler(this::workers);
    router.get("/ccx/api/v1/:tenant/workers/:workerId").handler(this::worker);
  }

  private void workers(RoutingContext ctx) {
    String tenant = ctx.pathParam("tenant");
    JsonArray data =
        new JsonArray()
            .add(
                worker(
                    tenant,
                    "3aa5550b7fe348b98d7b5741afc65534",
                    "Logan McNeil",
                    "Chief Human Resources Officer"))
            .add(
                worker(
                    tenant,
                    "0e44c92412d34b01ace61e80a47aaf6d",
                    "Steve Morgan",
                    "Director, Payroll Operations"));
    ctx.json(new JsonObject().put("total", data.size()).put("data", data));
  }

  private void worker(RoutingContext ctx) {
    ctx.json(
        worker(
            ctx.pathParam("tenant"),
            ctx.pathParam("workerId"),
            "Logan McNeil",
            "Chief Human Resources Officer"));
  }

  private static JsonObject worker(String tenant, String id, String name, String title) {
    return new JsonObject()
        .put("id", id)
        .put("descriptor", name)
        .put("href", "/ccx/api/v1/" + tenant + "/workers/" + id)
        .put("isManager", true)
        .put("businessTitle", title)
        .put("primaryWorkEmail", name.toLowerCase().replace(' ', '.') + "@workday.example")
        .put("primaryWorkPhone", "+1 (415) 555-0142")
        .put(
            "primarySupervisoryOrganization",
            new JsonObject()
                .put("id", "ea1aaa9f5d3d44b5a5c3f6a5b6a6a6b5")
                .put("descriptor", "Global Modern Services")
                .put("href", "/ccx/api/v1/" + tenant + "/supervisoryOrganizations/ea1aaa9f"))
        .put("location", new JsonObject().put("descriptor", "San Francisco"));
  }

  @Override
  public JsonObject unauthorizedBody() {
    return new JsonObject()
        .put("error", "invalid username or password")
        .put("errors", new JsonArray().add(new JsonObject().put("error", "Unauthorized")));
  }
}
