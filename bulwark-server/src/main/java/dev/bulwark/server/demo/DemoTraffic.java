package dev.bulwark.server.demo;

import java.util.List;

/**
 * The demo's request mix: mostly allowed calls of the demo integrations, with route denials,
 * condition denials, calls to the wrong app, and calls without or with a bogus key, so the audit
 * log shows every kind of decision.
 */
public final class DemoTraffic {
  /** The Salesforce contact the printed curl lines read. */
  public static final String CONTACT_PATH =
      "/salesforce/services/data/v59.0/sobjects/Contact/003D000000QV9n2IAD";

  /** The integration whose key the demo prints. */
  public static final String DEMO_INTEGRATION = "hubspot-lead-sync";

  private DemoTraffic() {}

  /** The integrations the generator needs an API key for. */
  public static List<String> integrations() {
    return List.of(
        DEMO_INTEGRATION,
        "marketing-contact-export",
        "deploy-notifier",
        "issue-triage-bot",
        "hris-directory-feed",
        "billing-sync");
  }

  public static List<DemoRequest> requests() {
    return List.of(
        DemoRequest.as(DEMO_INTEGRATION, "GET", CONTACT_PATH, 200),
        DemoRequest.as(
            DEMO_INTEGRATION,
            "GET",
            "/salesforce/services/data/v59.0/query?q=SELECT+Id,Name,Email+FROM+Contact",
            200),
        DemoRequest.as("marketing-contact-export", "GET", "/hubspot/crm/v3/objects/contacts", 200),
        new DemoRequest(
            "deploy-notifier",
            false,
            "POST",
            "/slack/api/chat.postMessage",
            "{\"channel\":\"C1H9RESGL\",\"text\":\"Deployed payments-api v2.3.1 to production\"}",
            200),
        DemoRequest.as("deploy-notifier", "GET", "/slack/api/conversations.list", 200),
        DemoRequest.as("issue-triage-bot", "GET", "/github/repos/acme/payments/issues", 200),
        DemoRequest.as("hris-directory-feed", "GET", "/workday/ccx/api/v1/acme/workers", 200),
        DemoRequest.as("billing-sync", "GET", "/stripe/v1/customers", 200),
        DemoRequest.as("billing-sync", "GET", "/stripe/v1/customers/cus_QXg1o8vcGmoR32", 200),
        DemoRequest.as("billing-sync", "GET", "/stripe/v1/charges", 200),
        // denied: method not allowed on the route, a condition that fails, the wrong app
        DemoRequest.as(DEMO_INTEGRATION, "DELETE", CONTACT_PATH, 403),
        DemoRequest.as("issue-triage-bot", "GET", "/github/repos/someone-else/secrets/issues", 403),
        DemoRequest.as("marketing-contact-export", "GET", CONTACT_PATH, 403),
        DemoRequest.as("billing-sync", "POST", "/stripe/v1/charges", 403),
        DemoRequest.as("deploy-notifier", "GET", "/slack/api/users.list", 403),
        // unauthenticated: no key, and a well-formed key nobody issued
        DemoRequest.as(null, "GET", "/stripe/v1/customers", 401),
        new DemoRequest(null, true, "GET", "/hubspot/crm/v3/objects/contacts", null, 401));
  }
}
