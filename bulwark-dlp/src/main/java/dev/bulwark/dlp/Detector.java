package dev.bulwark.dlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A detector: a data-class id plus how its values are recognised. Built-in detectors are
 * implemented by the scanner (pattern, validator, context); custom detectors carry an RE2/J
 * pattern, whose linear-time matching means a pattern from configuration can never hang the
 * gateway.
 */
public final class Detector {
  /**
   * The precise pattern of each built-in class in java.util.regex syntax. The scanner confirms each
   * candidate with an equivalent hand-written matcher plus the validator; these patterns document
   * the shapes and feed the regex baseline in the benchmark.
   */
  private static final Map<String, String> PATTERNS = new LinkedHashMap<>();

  static {
    PATTERNS.put(
        DataClasses.PRIVATE_KEY,
        "-----BEGIN [A-Z ]{0,24}PRIVATE KEY(?: BLOCK)?-----[\\s\\S]{0,16384}?-----END [A-Z"
            + " ]{0,24}PRIVATE KEY(?: BLOCK)?-----");
    PATTERNS.put(DataClasses.JWT, "eyJ[A-Za-z0-9_-]{7,}\\.eyJ[A-Za-z0-9_-]{7,}\\.[A-Za-z0-9_-]*");
    PATTERNS.put(
        DataClasses.GITHUB_TOKEN,
        "gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}");
    PATTERNS.put(
        DataClasses.GITLAB_TOKEN, "gl(?:pat|rt|dt)-[A-Za-z0-9_-]{20,64}|glptt-[0-9a-f]{40}");
    PATTERNS.put(
        DataClasses.SLACK_WEBHOOK,
        "hooks\\.slack\\.com(?:/|\\\\/)services(?:/|\\\\/)T[A-Z0-9]{8,12}(?:/|\\\\/)B[A-Z0-9]{8,12}(?:/|\\\\/)[A-Za-z0-9]{24}");
    PATTERNS.put(DataClasses.SLACK_TOKEN, "xox[abposr]-[A-Za-z0-9-]{19,250}");
    PATTERNS.put(DataClasses.STRIPE_KEY, "[sr]k_live_[A-Za-z0-9]{24,247}");
    PATTERNS.put(DataClasses.GOOGLE_API_KEY, "AIza[A-Za-z0-9_-]{35}");
    PATTERNS.put(
        DataClasses.GCP_SERVICE_ACCOUNT, "private_key_id\\\\?\"\\s*:\\s*\\\\?\"[0-9a-f]{40}");
    PATTERNS.put(DataClasses.AZURE_STORAGE_KEY, "AccountKey=[A-Za-z0-9+/]{86}==");
    PATTERNS.put(DataClasses.TWILIO_KEY, "SK[0-9a-fA-F]{32}");
    PATTERNS.put(DataClasses.SENDGRID_KEY, "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
    PATTERNS.put(
        DataClasses.OPENAI_KEY,
        "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{0,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}");
    PATTERNS.put(DataClasses.NPM_TOKEN, "npm_[A-Za-z0-9]{36}");
    PATTERNS.put(
        DataClasses.AWS_ACCESS_KEY,
        "(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASCA|ABIA|ACCA)[A-Z0-9]{16}");
    PATTERNS.put(
        DataClasses.AWS_SECRET_KEY,
        "(?i:aws_secret|secret_?access_?key)[A-Za-z_]*[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9/+=]{40}");
    PATTERNS.put(DataClasses.IBAN, "[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{1,4}){3,8}");
    PATTERNS.put(DataClasses.PAYMENT_CARD, "[0-9]{4}(?:[ -]?[0-9]{2,6}){2,4}");
    PATTERNS.put(DataClasses.US_ROUTING, "(?i:routing|aba|rtn|transit)[^0-9]{0,40}[0-9]{9}");
    PATTERNS.put(
        DataClasses.SWIFT_BIC,
        "(?i:swift|bic)[A-Za-z_-]{0,8}[\"' :=]{0,6}[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?");
    PATTERNS.put(DataClasses.US_SSN, "[0-9]{3}([- ])[0-9]{2}\\1[0-9]{4}");
    PATTERNS.put(DataClasses.UK_NINO, "[A-CEGHJ-PR-TW-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]");
    PATTERNS.put(
        DataClasses.IPV6,
        "(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,7}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?|::[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6}");
    PATTERNS.put(
        DataClasses.IPV4,
        "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    PATTERNS.put(
        DataClasses.EMAIL,
        "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24}");
    PATTERNS.put(
        DataClasses.PHONE,
        "\\+[1-9][0-9 ().-]{6,18}[0-9]|\\(?[2-9][0-9]{2}\\)?[ .-]?[2-9][0-9]{2}[ .-][0-9]{4}");
    PATTERNS.put(
        DataClasses.PASSWORD_ASSIGNMENT,
        "(?i:password|passwd|pwd|secret|api_?key|api-key)[\"']?\\s*[:=]\\s*[\"']?[^\\s\"',;&<>]{8,128}");
  }

  private final String id;
  private final double confidence;
  private final String pattern;
  private final boolean builtin;
  private final com.google.re2j.Pattern re2;

  private Detector(
      String id, double confidence, String pattern, boolean builtin, com.google.re2j.Pattern re2) {
    this.id = id;
    this.confidence = confidence;
    this.pattern = pattern;
    this.builtin = builtin;
    this.re2 = re2;
  }

  /** The built-in detector for a class id listed in {@link DataClasses#BUILTIN}. */
  public static Detector builtin(String id) {
    String p = PATTERNS.get(id);
    if (p == null) {
      throw new IllegalArgumentException("unknown built-in data class: " + id);
    }
    return new Detector(id, 0, p, true, null);
  }

  /** Every built-in detector, in priority order. */
  public static List<Detector> builtins() {
    List<Detector> all = new ArrayList<>();
    for (String id : DataClasses.BUILTIN) {
      all.add(builtin(id));
    }
    return List.copyOf(all);
  }

  /**
   * A custom detector from configuration: every match of the RE2 pattern is a finding of class id
   * with the given confidence.
   *
   * @throws com.google.re2j.PatternSyntaxException when the pattern is not valid RE2 syntax
   */
  public static Detector custom(String id, String re2Pattern, double confidence) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank() || DataClasses.BUILTIN.contains(id)) {
      throw new IllegalArgumentException("custom detector id must be new and non-blank: " + id);
    }
    if (confidence <= 0 || confidence > 1) {
      throw new IllegalArgumentException("confidence must be in (0, 1]: " + confidence);
    }
    return new Detector(
        id, confidence, re2Pattern, false, com.google.re2j.Pattern.compile(re2Pattern));
  }

  /** A custom detector with confidence 0.8. */
  public static Detector custom(String id, String re2Pattern) {
    return custom(id, re2Pattern, 0.8);
  }

  /** The data-class id this detector reports. */
  public String id() {
    return id;
  }

  /** True for a built-in detector. */
  public boolean isBuiltin() {
    return builtin;
  }

  /** The pattern: java.util.regex syntax for built-ins (documentation), RE2 for custom ones. */
  public String pattern() {
    return pattern;
  }

  /** Confidence of a custom detector's findings (built-ins set theirs per finding). */
  public double confidence() {
    return confidence;
  }

  com.google.re2j.Pattern re2() {
    return re2;
  }

  @Override
  public String toString() {
    return (builtin ? "builtin:" : "custom:") + id;
  }
}
