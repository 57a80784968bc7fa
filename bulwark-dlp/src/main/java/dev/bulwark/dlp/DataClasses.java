package dev.bulwark.dlp;

import java.util.List;

/** The stable ids of the built-in data classes, in priority order (earlier wins an overlap). */
public final class DataClasses {
  public static final String PRIVATE_KEY = "secret.private_key";
  public static final String JWT = "secret.jwt";
  public static final String GITHUB_TOKEN = "secret.github_token";
  public static final String GITLAB_TOKEN = "secret.gitlab_token";
  public static final String SLACK_WEBHOOK = "secret.slack_webhook";
  public static final String SLACK_TOKEN = "secret.slack_token";
  public static final String STRIPE_KEY = "secret.stripe_key";
  public static final String GOOGLE_API_KEY = "secret.google_api_key";
  public static final String GCP_SERVICE_ACCOUNT = "secret.gcp_service_account";
  public static final String AZURE_STORAGE_KEY = "secret.azure_storage_key";
  public static final String TWILIO_KEY = "secret.twilio_key";
  public static final String SENDGRID_KEY = "secret.sendgrid_key";
  public static final String OPENAI_KEY = "secret.openai_key";
  public static final String NPM_TOKEN = "secret.npm_token";
  public static final String AWS_ACCESS_KEY = "secret.aws_access_key";
  public static final String AWS_SECRET_KEY = "secret.aws_secret_key";
  public static final String IBAN = "fin.iban";
  public static final String PAYMENT_CARD = "fin.payment_card";
  public static final String US_ROUTING = "fin.us_routing";
  public static final String SWIFT_BIC = "fin.swift_bic";
  public static final String US_SSN = "pii.us_ssn";
  public static final String UK_NINO = "pii.uk_nino";
  public static final String IPV6 = "pii.ipv6";
  public static final String IPV4 = "pii.ipv4";
  public static final String EMAIL = "pii.email";
  public static final String PHONE = "pii.phone";
  public static final String PASSWORD_ASSIGNMENT = "secret.password_assignment";

  /** Every built-in class id, in priority order. */
  public static final List<String> BUILTIN =
      List.of(
          PRIVATE_KEY,
          JWT,
          GITHUB_TOKEN,
          GITLAB_TOKEN,
          SLACK_WEBHOOK,
          SLACK_TOKEN,
          STRIPE_KEY,
          GOOGLE_API_KEY,
          GCP_SERVICE_ACCOUNT,
          AZURE_STORAGE_KEY,
          TWILIO_KEY,
          SENDGRID_KEY,
          OPENAI_KEY,
          NPM_TOKEN,
          AWS_ACCESS_KEY,
          AWS_SECRET_KEY,
          IBAN,
          PAYMENT_CARD,
          US_ROUTING,
          SWIFT_BIC,
          US_SSN,
          UK_NINO,
          IPV6,
          IPV4,
          EMAIL,
          PHONE,
          PASSWORD_ASSIGNMENT);

  private DataClasses() {}

  /** Priority of a built-in class (lower wins an overlap); custom classes rank after all. */
  static int priority(String id) {
    int i = BUILTIN.indexOf(id);
    return i < 0 ? BUILTIN.size() : i;
  }
}
