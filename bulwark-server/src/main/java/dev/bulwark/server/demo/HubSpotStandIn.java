package dev.bulwark.server.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** HubSpot CRM v3 contacts: list and read (shapes from the CRM API reference, Contacts). */
final class HubSpotStandIn implements StandInApi {
  @Override
  public String appId() {
    return "hubspot";
  }

  @Override
  public void mount(Router router) {
    router.get("/crm/v3/objects/contacts").handler(this::list);
    router.get("/crm/v3/objects/contacts/:contactId").handler(this::one);
  }

  private void list(RoutingContext ctx) {
    JsonArray results =
        new JsonArray()
            .add(contact("512", "Brian", "Halligan", "bh@hubspot.example"))
            .add(contact("513", "Dharmesh", "Shah", "ds@hubspot.example"));
    ctx.json(
        new JsonObject()
            .put("results", results)
            .put(
                "paging",
                new JsonObject()
                    .put(
                        "next",
                        new JsonObject()
                            .put("after", "514")
                            .put("link", "/crm/v3/objects/contacts?after=514"))));
  }

  private void one(RoutingContext ctx) {
    ctx.json(contact(ctx.pathParam("contactId"), "Brian", "Halligan", "bh@hubspot.example"));
  }

  private static JsonObject contact(String id, String first, String last, String email) {
    return new JsonObject()
        .put("id", id)
        .put(
            "properties",
            new JsonObject()
                .put("createdate", "2024-02-14T10:01:33.123Z")
                .put("email", email)
                .put("firstname", first)
                .put("hs_object_id", id)
                .put("lastmodifieddate", "2024-05-01T08:44:10.512Z")
                .put("lastname", last))
        .put("createdAt", "2024-02-14T10:01:33.123Z")
        .put("updatedAt", "2024-05-01T08:44:10.512Z")
        .put("archived", false);
  }

  @Override
  public JsonObject unauthorizedBody() {
    return new JsonObject()
        .put("status", "error")
        .put(
            "message",
            "Authentication credentials not found. This API supports OAuth 2.0 authentication.")
        .put("correlationId", "2f9a5cb1-0d47-4c7a-9a31-7f3c9f6d3b11")
        .put("category", "INVALID_AUTHENTICATION");
  }
}
