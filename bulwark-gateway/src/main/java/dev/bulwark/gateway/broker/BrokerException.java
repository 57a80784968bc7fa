package dev.bulwark.gateway.broker;

/**
 * Why an upstream credential could not be produced, with its stable reason code. The message is
 * ours and never contains a secret.
 */
public final class BrokerException extends RuntimeException {
  public static final String SECRET_MISSING = "broker.secret_missing";
  public static final String VAULT_UNAVAILABLE = "broker.vault_unavailable";
  public static final String TOKEN_FAILED = "broker.token_failed";

  private final String reason;

  public BrokerException(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
