package dev.bulwark.server.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Salesforce REST API v59.0: read a Contact, create a Contact, SOQL query (shapes from the REST API
 * Developer Guide: sObject Rows, sObject Basic Information, Query).
 */
final class SalesforceStandIn implements StandInApi {
  private static final String BASE = "/services/data/v59.0";

  @Override
  public String appId() {
    return "salesforce";
  }

  @Override
  public void mount(Router router) {
    router.get(BASE + "/sobjects/Contact/:id").handler(this::contact);
    router.post(BASE + "/sobjects/Contact").handler(this::create);
    router.get(BASE + "/query").handler(this::query);
  }

  private void contact(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!id.startsWith("003")) {
      ctx.response()
          .setStatusCode(404)
          .putHeader("content-type", "application/json")
          .end(
              new JsonArray()
                  .add(
                      new JsonObject()
                          .put("errorCode", "NOT_FOUND")
                          .put("message", "The requested resource does not exist"))
                  .encode());
      return;
    }
    ctx.json(contactRecord(id, "Rose", "Gonzalez", "rose@edge.example", "(512) 757-6000"));
  }

  private void create(RoutingContext ctx) {
    ctx.response()
        .setStatusCode(201)
        .putHeader("content-type", "application/json")
        .end(
            new JsonObject()
                .put("id", "003D000000QV9n2IAD")
                .put("success", true)
                .put("errors", new JsonArray())
                .encode());
  }

  private void query(RoutingContext ctx) {
    JsonArray records =
        new JsonArray()
            .add(contactRecord("003D000000QV9n2IAD", "Rose", "Gonzalez", "rose@edge.example", null))
            .add(contactRecord("003D000000QV9n3IAD", "Sean", "Forbes", "sean@edge.example", null));
    ctx.json(
        new JsonObject()
            .put("totalSize", records.size())
            .put("done", true)
            .put("records", records));
  }

  private static JsonObject contactRecord(
      String id, String first, String last, String email, String phone) {
    return new JsonObject()
        .put(
            "attributes",
            new JsonObject().put("type", "Contact").put("url", BASE + "/sobjects/Contact/" + id))
        .put("Id", id)
        .put("AccountId", "001D000000IqhSLIAZ")
        .put("FirstName", first)
        .put("LastName", last)
        .put("Name", first + " " + last)
        .put("Email", email)
        .put("Phone", phone)
        .put("Title", "SVP, Procurement")
        .put("CreatedDate", "2024-01-15T18:25:43.000+0000")
        .put("LastModifiedDate", "2024-03-02T09:12:01.000+0000");
  }

  @Override
  public JsonObject unauthorizedBody() {
    // Salesforce answers a JSON array; the JsonObject wrapper keeps the interface simple, so the
    // stand-in uses the same errorCode inside an object.
    return new JsonObject()
        .put("errorCode", "INVALID_SESSION_ID")
        .put("message", "Session expired or invalid");
  }
}
