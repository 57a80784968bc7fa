package dev.bulwark.server.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * GitHub REST API: list repository issues, add labels, get a commit (shapes from the REST API
 * reference, Issues / Labels / Commits).
 */
final class GitHubStandIn implements StandInApi {
  private static final String API = "https://api.github.com";

  @Override
  public String appId() {
    return "github";
  }

  @Override
  public void mount(Router router) {
    router.get("/repos/:owner/:repo/issues").handler(this::issues);
    router.post("/repos/:owner/:repo/issues/:number/labels").handler(this::labels);
    router.get("/repos/:owner/:repo/commits/:ref").handler(this::commit);
  }

  private void issues(RoutingContext ctx) {
    String repo = ctx.pathParam("owner") + "/" + ctx.pathParam("repo");
    ctx.json(
        new JsonArray()
            .add(issue(repo, 1347, "Found a bug", "I'm having a problem with this."))
            .add(issue(repo, 1348, "Flaky login test", "Fails one run in ten on CI.")));
  }

  private static JsonObject issue(String repo, int number, String title, String body) {
    String url = API + "/repos/" + repo + "/issues/" + number;
    return new JsonObject()
        .put("id", 1_000_000 + number)
        .put("node_id", "MDU6SXNzdWUx")
        .put("url", url)
        .put("repository_url", API + "/repos/" + repo)
        .put("labels_url", url + "/labels{/name}")
        .put("comments_url", url + "/comments")
        .put("html_url", "https://github.com/" + repo + "/issues/" + number)
        .put("number", number)
        .put("state", "open")
        .put("title", title)
        .put("body", body)
        .put("user", user("octocat", 1))
        .put("labels", new JsonArray().add(label("bug", "f29513")))
        .put("assignee", null)
        .put("locked", false)
        .put("comments", 0)
        .put("created_at", "2011-04-22T13:33:48Z")
        .put("updated_at", "2011-04-22T13:33:48Z")
        .put("closed_at", null)
        .put("author_association", "COLLABORATOR");
  }

  private void labels(RoutingContext ctx) {
    ctx.json(new JsonArray().add(label("bug", "f29513")).add(label("triaged", "0e8a16")));
  }

  private void commit(RoutingContext ctx) {
    String repo = ctx.pathParam("owner") + "/" + ctx.pathParam("repo");
    String sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    ctx.json(
        new JsonObject()
            .put("sha", sha)
            .put("url", API + "/repos/" + repo + "/commits/" + sha)
            .put("html_url", "https://github.com/" + repo + "/commit/" + sha)
            .put(
                "commit",
                new JsonObject()
                    .put(
                        "author",
                        new JsonObject()
                            .put("name", "Monalisa Octocat")
                            .put("email", "support@github.example")
                            .put("date", "2011-04-14T16:00:49Z"))
                    .put("message", "Fix all the bugs"))
            .put("author", user("octocat", 1)));
  }

  private static JsonObject user(String login, int id) {
    return new JsonObject()
        .put("login", login)
        .put("id", id)
        .put("type", "User")
        .put("site_admin", false)
        .put("html_url", "https://github.com/" + login);
  }

  private static JsonObject label(String name, String color) {
    return new JsonObject()
        .put("id", name.hashCode() & 0x7fffffff)
        .put("name", name)
        .put("color", color)
        .put("default", name.equals("bug"));
  }

  @Override
  public JsonObject unauthorizedBody() {
    return new JsonObject()
        .put("message", "Bad credentials")
        .put("documentation_url", "https://docs.github.com/rest")
        .put("status", "401");
  }
}
