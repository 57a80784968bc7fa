package dev.bulwark.dlp;

import static dev.bulwark.dlp.Bytes.ALNUM;
import static dev.bulwark.dlp.Bytes.B64;
import static dev.bulwark.dlp.Bytes.B64URL;
import static dev.bulwark.dlp.Bytes.DIGIT;
import static dev.bulwark.dlp.Bytes.DOMAIN;
import static dev.bulwark.dlp.Bytes.EMAIL_LOCAL;
import static dev.bulwark.dlp.Bytes.HEX_LETTER;
import static dev.bulwark.dlp.Bytes.LOWER;
import static dev.bulwark.dlp.Bytes.UNDERSCORE;
import static dev.bulwark.dlp.Bytes.UPPER;

import dev.bulwark.dlp.validate.Entropy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Confirms a literal hit: finds the exact span of the value around it and applies the class's
 * validator and context rules. Each rule reads only the body bytes and the hit position, so the
 * result does not depend on which engine found the hit.
 */
final class LiteralRules {
  static final int EMAIL = 0;
  static final int AWS_ACCESS = 1;
  static final int AWS_SECRET = 2;
  static final int GITHUB = 3;
  static final int GITHUB_PAT = 4;
  static final int GITLAB = 5;
  static final int GITLAB_PTT = 6;
  static final int SLACK_TOKEN = 7;
  static final int SLACK_WEBHOOK = 8;
  static final int STRIPE = 9;
  static final int GOOGLE = 10;
  static final int GCP_SA = 11;
  static final int AZURE = 12;
  static final int TWILIO = 13;
  static final int SENDGRID = 14;
  static final int OPENAI = 15;
  static final int NPM = 16;
  static final int PRIVATE_KEY = 17;
  static final int JWT = 18;
  static final int BIC = 19;
  static final int PASSWORD = 20;

  private static final Set<String> COUNTRIES = Set.of(java.util.Locale.getISOCountries());
  private static final Set<String> PLACEHOLDERS =
      Set.of(
          "null",
          "none",
          "true",
          "false",
          "undefined",
          "redacted",
          "changeme",
          "password",
          "secret",
          "example",
          "placeholder",
          "your_password",
          "yourpassword",
          "required",
          "optional",
          "string",
          "notset",
          "not_set",
          "hidden",
          "masked");
  private static final Set<String> KEY_SUFFIXES = Set.of("", "key", "_key", "-key", "_value");

  private LiteralRules() {}

  /** The literals to search for, for the enabled built-in classes. */
  static List<Literal> literals(Set<String> enabled) {
    List<Literal> l = new ArrayList<>();
    if (enabled.contains(DataClasses.EMAIL)) {
      l.add(new Literal("@", false, EMAIL));
    }
    if (enabled.contains(DataClasses.AWS_ACCESS_KEY)) {
      for (String p :
          List.of(
              "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ASCA", "ABIA",
              "ACCA")) {
        l.add(new Literal(p, false, AWS_ACCESS));
      }
    }
    if (enabled.contains(DataClasses.AWS_SECRET_KEY)) {
      for (String p : List.of("aws_secret", "secret_access_key", "secretaccesskey")) {
        l.add(new Literal(p, true, AWS_SECRET));
      }
    }
    if (enabled.contains(DataClasses.GITHUB_TOKEN)) {
      for (String p : List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")) {
        l.add(new Literal(p, false, GITHUB));
      }
      l.add(new Literal("github_pat_", false, GITHUB_PAT));
    }
    if (enabled.contains(DataClasses.GITLAB_TOKEN)) {
      for (String p : List.of("glpat-", "glrt-", "gldt-")) {
        l.add(new Literal(p, false, GITLAB));
      }
      l.add(new Literal("glptt-", false, GITLAB_PTT));
    }
    if (enabled.contains(DataClasses.SLACK_TOKEN)) {
      for (char c : "abposr".toCharArray()) {
        l.add(new Literal("xox" + c + "-", false, SLACK_TOKEN));
      }
    }
    if (enabled.contains(DataClasses.SLACK_WEBHOOK)) {
      l.add(new Literal("hooks.slack.com/services/", false, SLACK_WEBHOOK));
      l.add(new Literal("hooks.slack.com\\/services\\/", false, SLACK_WEBHOOK));
    }
    if (enabled.contains(DataClasses.STRIPE_KEY)) {
      l.add(new Literal("sk_live_", false, STRIPE));
      l.add(new Literal("rk_live_", false, STRIPE));
    }
    if (enabled.contains(DataClasses.GOOGLE_API_KEY)) {
      l.add(new Literal("AIza", false, GOOGLE));
    }
    if (enabled.contains(DataClasses.GCP_SERVICE_ACCOUNT)) {
      l.add(new Literal("private_key_id", false, GCP_SA));
    }
    if (enabled.contains(DataClasses.AZURE_STORAGE_KEY)) {
      l.add(new Literal("AccountKey=", false, AZURE));
    }
    if (enabled.contains(DataClasses.TWILIO_KEY)) {
      l.add(new Literal("SK", false, TWILIO));
    }
    if (enabled.contains(DataClasses.SENDGRID_KEY)) {
      l.add(new Literal("SG.", false, SENDGRID));
    }
    if (enabled.contains(DataClasses.OPENAI_KEY)) {
      l.add(new Literal("sk-", false, OPENAI));
    }
    if (enabled.contains(DataClasses.NPM_TOKEN)) {
      l.add(new Literal("npm_", false, NPM));
    }
    if (enabled.contains(DataClasses.PRIVATE_KEY)) {
      l.add(new Literal("-----BEGIN ", false, PRIVATE_KEY));
    }
    if (enabled.contains(DataClasses.JWT)) {
      l.add(new Literal("eyJ", false, JWT));
    }
    if (enabled.contains(DataClasses.SWIFT_BIC)) {
      l.add(new Literal("swift", true, BIC));
      l.add(new Literal("bic", true, BIC));
    }
    if (enabled.contains(DataClasses.PASSWORD_ASSIGNMENT)) {
      for (String p :
          List.of("password", "passwd", "pwd", "secret", "api_key", "apikey", "api-key")) {
        l.add(new Literal(p, true, PASSWORD));
      }
    }
    return l;
  }

  /** Confirms a hit of literal lit at byte s and passes any finding to out. */
  static void confirm(Literal lit, byte[] b, int s, Consumer<RawFinding> out) {
    int e = s + lit.text().length();
    switch (lit.rule()) {
      case EMAIL -> email(b, s, out);
      case AWS_ACCESS ->
          fixed(b, s, e, UPPER | DIGIT, 16, 16, ALNUM, DataClasses.AWS_ACCESS_KEY, 0.95, out);
      case AWS_SECRET -> awsSecret(b, s, e, out);
      case GITHUB ->
          fixed(b, s, e, ALNUM, 36, 36, ALNUM | UNDERSCORE, DataClasses.GITHUB_TOKEN, 0.99, out);
      case GITHUB_PAT -> githubPat(b, s, e, out);
      case GITLAB -> fixed(b, s, e, B64URL, 20, 64, B64URL, DataClasses.GITLAB_TOKEN, 0.97, out);
      case GITLAB_PTT ->
          fixed(b, s, e, DIGIT | HEX_LETTER, 40, 40, ALNUM, DataClasses.GITLAB_TOKEN, 0.97, out);
      case SLACK_TOKEN -> slackToken(b, s, e, out);
      case SLACK_WEBHOOK -> slackWebhook(b, s, e, out);
      case STRIPE ->
          fixed(b, s, e, ALNUM, 24, 247, ALNUM | UNDERSCORE, DataClasses.STRIPE_KEY, 0.99, out);
      case GOOGLE -> fixed(b, s, e, B64URL, 35, 35, B64URL, DataClasses.GOOGLE_API_KEY, 0.95, out);
      case GCP_SA -> gcpServiceAccount(b, s, e, out);
      case AZURE -> azure(b, s, e, out);
      case TWILIO -> twilio(b, s, e, out);
      case SENDGRID -> sendgrid(b, s, e, out);
      case OPENAI -> openai(b, s, e, out);
      case NPM ->
          fixed(b, s, e, ALNUM, 36, 36, ALNUM | UNDERSCORE, DataClasses.NPM_TOKEN, 0.95, out);
      case PRIVATE_KEY -> privateKey(b, s, e, out);
      case JWT -> jwt(b, s, out);
      case BIC -> bic(b, s, e, out);
      case PASSWORD -> password(b, s, e, out);
      default -> throw new IllegalStateException("no rule " + lit.rule());
    }
  }

  private static void emit(Consumer<RawFinding> out, String cls, int s, int e, double conf) {
    out.accept(new RawFinding(cls, DataClasses.priority(cls), s, e, conf));
  }

  /**
   * prefix + between min and max chars of body class, with no word char (boundary class) right
   * before the prefix or right after the body.
   */
  private static void fixed(
      byte[] b,
      int s,
      int e,
      int body,
      int min,
      int max,
      int boundary,
      String cls,
      double conf,
      Consumer<RawFinding> out) {
    if (Bytes.is(b, s - 1, boundary)) {
      return;
    }
    int end = Bytes.runEnd(b, e, body, max + 1);
    int len = end - e;
    if (len < min || len > max || Bytes.is(b, end, boundary)) {
      return;
    }
    emit(out, cls, s, end, conf);
  }

  private static void email(byte[] b, int at, Consumer<RawFinding> out) {
    int ls = Bytes.runStart(b, at, EMAIL_LOCAL, 65);
    if (at - ls > 64 || Bytes.is(b, ls - 1, EMAIL_LOCAL)) {
      return;
    }
    // A JSON or C escape such as \n glued to the address is not part of it.
    if (ls > 0 && b[ls - 1] == '\\' && at - ls > 1 && "nrtbf/".indexOf(b[ls]) >= 0) {
      ls++;
    }
    while (ls < at && b[ls] == '.') {
      ls++;
    }
    if (ls == at || b[at - 1] == '.') {
      return;
    }
    for (int i = ls; i + 1 < at; i++) {
      if (b[i] == '.' && b[i + 1] == '.') {
        return;
      }
    }
    int de = Bytes.runEnd(b, at + 1, DOMAIN, 254);
    while (de > at + 1 && (b[de - 1] == '.' || b[de - 1] == '-')) {
      de--;
    }
    if (de - at - 1 > 253 || !domain(b, at + 1, de)) {
      return;
    }
    emit(out, DataClasses.EMAIL, ls, de, 0.9);
  }

  /** Domain labels 1–63 chars, no edge hyphens, at least two labels, alphabetic TLD of 2–24. */
  private static boolean domain(byte[] b, int from, int to) {
    int labels = 0;
    int i = from;
    int lastLabel = from;
    while (i <= to) {
      int ls = i;
      while (i < to && b[i] != '.') {
        i++;
      }
      int len = i - ls;
      if (len == 0 || len > 63 || b[ls] == '-' || b[i - 1] == '-') {
        return false;
      }
      labels++;
      lastLabel = ls;
      i++;
    }
    if (labels < 2) {
      return false;
    }
    int tld = to - lastLabel;
    if (tld < 2 || tld > 24) {
      return false;
    }
    for (int k = lastLabel; k < to; k++) {
      if (!Bytes.letter(b, k)) {
        return false;
      }
    }
    return true;
  }

  private static void githubPat(byte[] b, int s, int e, Consumer<RawFinding> out) {
    if (Bytes.is(b, s - 1, ALNUM | UNDERSCORE)) {
      return;
    }
    int mid = Bytes.runEnd(b, e, ALNUM, 23);
    if (mid - e != 22 || mid >= b.length || b[mid] != '_') {
      return;
    }
    int end = Bytes.runEnd(b, mid + 1, ALNUM, 60);
    if (end - mid - 1 != 59 || Bytes.is(b, end, ALNUM | UNDERSCORE)) {
      return;
    }
    emit(out, DataClasses.GITHUB_TOKEN, s, end, 0.99);
  }

  private static void slackToken(byte[] b, int s, int e, Consumer<RawFinding> out) {
    if (Bytes.is(b, s - 1, ALNUM)) {
      return;
    }
    int end = Bytes.runEnd(b, e, ALNUM | Bytes.DASH, 251);
    while (end > e && b[end - 1] == '-') {
      end--;
    }
    int len = end - e;
    if (len < 19 || len > 250) {
      return;
    }
    int dashes = 0;
    int digits = 0;
    for (int i = e; i < end; i++) {
      if (b[i] == '-') {
        dashes++;
      } else if (Bytes.digit(b, i)) {
        digits++;
      }
    }
    if (dashes < 1 || digits < 6) {
      return;
    }
    emit(out, DataClasses.SLACK_TOKEN, s, end, 0.95);
  }

  private static void slackWebhook(byte[] b, int s, int e, Consumer<RawFinding> out) {
    boolean escaped = b[e - 1] == '/' && b[e - 2] == '\\';
    String sep = escaped ? "\\/" : "/";
    int i = e;
    int t = part(b, i, 'T', 8, 12);
    if (t < 0 || !Bytes.startsWith(b, t, sep)) {
      return;
    }
    i = t + sep.length();
    int bb = part(b, i, 'B', 8, 12);
    if (bb < 0 || !Bytes.startsWith(b, bb, sep)) {
      return;
    }
    i = bb + sep.length();
    int end = Bytes.runEnd(b, i, ALNUM, 25);
    if (end - i != 24 || Bytes.is(b, end, ALNUM)) {
      return;
    }
    int start = s;
    String scheme = escaped ? "https:\\/\\/" : "https://";
    if (Bytes.startsWith(b, s - scheme.length(), scheme)) {
      start = s - scheme.length();
    }
    emit(out, DataClasses.SLACK_WEBHOOK, start, end, 0.99);
  }

  /** Index after lead + 8..12 upper-case alphanumerics at i, or -1. */
  private static int part(byte[] b, int i, char lead, int min, int max) {
    if (i >= b.length || b[i] != lead) {
      return -1;
    }
    int end = Bytes.runEnd(b, i + 1, UPPER | DIGIT, max + 1);
    int len = end - i - 1;
    return len < min || len > max ? -1 : end;
  }

  private static void gcpServiceAccount(byte[] b, int s, int e, Consumer<RawFinding> out) {
    int i = skip(b, e, "\\\"' \t:=", 12);
    int end = Bytes.runEnd(b, i, DIGIT | HEX_LETTER, 41);
    if (end - i != 40 || Bytes.is(b, end, ALNUM) || !hasLower(b, i, end)) {
      return;
    }
    // A key id is only a service-account credential inside a service-account key file.
    int from = Math.max(0, s - 4096);
    int to = Math.min(b.length, end + 4096);
    if (Bytes.indexOf(b, "service_account", from, to) < 0) {
      return;
    }
    emit(out, DataClasses.GCP_SERVICE_ACCOUNT, i, end, 0.95);
  }

  private static boolean hasLower(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] >= 'a' && b[i] <= 'f') {
        return true;
      }
    }
    return false;
  }

  private static void azure(byte[] b, int s, int e, Consumer<RawFinding> out) {
    int end = Bytes.runEnd(b, e, B64, 87);
    if (end - e != 86 || !Bytes.startsWith(b, end, "==")) {
      return;
    }
    emit(out, DataClasses.AZURE_STORAGE_KEY, e, end + 2, 0.99);
  }

  private static void twilio(byte[] b, int s, int e, Consumer<RawFinding> out) {
    if (Bytes.is(b, s - 1, ALNUM)) {
      return;
    }
    int end = Bytes.runEnd(b, e, DIGIT | HEX_LETTER, 33);
    if (end - e != 32 || Bytes.is(b, end, ALNUM)) {
      return;
    }
    boolean letter = false;
    boolean digit = false;
    for (int i = e; i < end; i++) {
      letter |= !Bytes.digit(b, i);
      digit |= Bytes.digit(b, i);
    }
    if (letter && digit) {
      emit(out, DataClasses.TWILIO_KEY, s, end, 0.9);
    }
  }

  private static void sendgrid(byte[] b, int s, int e, Consumer<RawFinding> out) {
    if (Bytes.is(b, s - 1, ALNUM)) {
      return;
    }
    int mid = Bytes.runEnd(b, e, B64URL, 23);
    if (mid - e != 22 || mid >= b.length || b[mid] != '.') {
      return;
    }
    int end = Bytes.runEnd(b, mid + 1, B64URL, 44);
    if (end - mid - 1 != 43 || Bytes.is(b, end, B64URL)) {
      return;
    }
    emit(out, DataClasses.SENDGRID_KEY, s, end, 0.99);
  }

  private static void openai(byte[] b, int s, int e, Consumer<RawFinding> out) {
    if (Bytes.is(b, s - 1, B64URL)) {
      return;
    }
    int end = Bytes.runEnd(b, e, B64URL, 251);
    int len = end - e;
    if (len > 250 || len < 20) {
      return;
    }
    int marker = Bytes.indexOf(b, "T3BlbkFJ", e, end);
    boolean legacy = marker >= 0 && end - marker - 8 >= 20;
    boolean scoped =
        (Bytes.startsWith(b, e, "proj-")
                || Bytes.startsWith(b, e, "svcacct-")
                || Bytes.startsWith(b, e, "admin-"))
            && len >= 45;
    if (legacy || scoped) {
      emit(out, DataClasses.OPENAI_KEY, s, end, 0.97);
    }
  }

  private static void privateKey(byte[] b, int s, int e, Consumer<RawFinding> out) {
    int i = e;
    while (i < b.length && i < e + 40 && (Bytes.upper(b, i) || b[i] == ' ')) {
      i++;
    }
    String label = Bytes.ascii(b, e, i);
    if (!label.endsWith("PRIVATE KEY") && !label.endsWith("PRIVATE KEY BLOCK")) {
      return;
    }
    if (!Bytes.startsWith(b, i, "-----")) {
      return;
    }
    int headerEnd = i + 5;
    int end = Bytes.indexOf(b, "-----END ", headerEnd, Math.min(b.length, headerEnd + 16384));
    if (end >= 0) {
      int close = Bytes.indexOf(b, "-----", end + 9, Math.min(b.length, end + 9 + 48));
      if (close >= 0 && Bytes.ascii(b, end + 9, close).contains("PRIVATE KEY")) {
        emit(out, DataClasses.PRIVATE_KEY, s, close + 5, 0.99);
        return;
      }
    }
    emit(out, DataClasses.PRIVATE_KEY, s, headerEnd, 0.8);
  }

  private static void jwt(byte[] b, int s, Consumer<RawFinding> out) {
    if (Bytes.is(b, s - 1, B64URL) || (s > 0 && b[s - 1] == '.')) {
      return;
    }
    int h = Bytes.runEnd(b, s, B64URL, 4096);
    if (h - s < 10 || h >= b.length || b[h] != '.') {
      return;
    }
    int p = Bytes.runEnd(b, h + 1, B64URL, 16384);
    if (p - h - 1 < 10 || !Bytes.startsWith(b, h + 1, "eyJ") || p >= b.length || b[p] != '.') {
      return;
    }
    int sig = Bytes.runEnd(b, p + 1, B64URL, 4096);
    if (Bytes.is(b, sig, B64URL) || (sig < b.length && b[sig] == '.')) {
      return;
    }
    if (!header(b, s, h)) {
      return;
    }
    emit(out, DataClasses.JWT, s, sig, 0.97);
  }

  /** The JOSE header decodes to a JSON object naming an "alg". */
  private static boolean header(byte[] b, int s, int h) {
    try {
      byte[] json = Base64.getUrlDecoder().decode(Bytes.ascii(b, s, h));
      String text = new String(json, StandardCharsets.UTF_8).trim();
      return text.startsWith("{") && text.contains("\"alg\"");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void bic(byte[] b, int s, int e, Consumer<RawFinding> out) {
    if (Bytes.letter(b, s - 1)) {
      return;
    }
    // Keyword suffix such as "_code" or "Code", then separators, then the code itself.
    int i = e;
    if (i < b.length && (b[i] == '_' || b[i] == '-')) {
      i++;
    }
    int word = Bytes.runEnd(b, i, UPPER | LOWER, 9);
    if (word - i > 8) {
      return;
    }
    i = word;
    i = skip(b, i, "\\\"' \t:=", 8);
    if (Bytes.startsWith(b, i, "is ") && b[i - 1] == ' ') {
      i += 3;
    }
    int end = Bytes.runEnd(b, i, UPPER | DIGIT, 12);
    int len = end - i;
    if ((len != 8 && len != 11) || Bytes.is(b, end, ALNUM)) {
      return;
    }
    for (int k = i; k < i + 6; k++) {
      if (!Bytes.upper(b, k)) {
        return;
      }
    }
    if (!COUNTRIES.contains(Bytes.ascii(b, i + 4, i + 6))) {
      return;
    }
    emit(out, DataClasses.SWIFT_BIC, i, end, 0.9);
  }

  private static int skip(byte[] b, int i, String chars, int max) {
    int limit = Math.min(b.length, i + max);
    while (i < limit && chars.indexOf(b[i]) >= 0) {
      i++;
    }
    return i;
  }

  private static void awsSecret(byte[] b, int s, int e, Consumer<RawFinding> out) {
    int keyEnd = Bytes.runEnd(b, e, ALNUM | UNDERSCORE | Bytes.DASH, 32);
    int v = assignment(b, keyEnd);
    if (v < 0) {
      return;
    }
    int end = Bytes.runEnd(b, v, B64, 41);
    int endEq = end;
    while (endEq < b.length && b[endEq] == '=' && endEq - v < 40) {
      endEq++;
    }
    if (endEq - v != 40 || Bytes.is(b, endEq, B64) || (endEq < b.length && b[endEq] == '=')) {
      return;
    }
    if (Entropy.bitsPerChar(new Latin1(b), v, endEq) < 3.5) {
      return;
    }
    emit(out, DataClasses.AWS_SECRET_KEY, v, endEq, 0.95);
  }

  /**
   * After a key name ending at i: optional closing quote, blanks, ':' '=' ':=' '=>' or " is ",
   * blanks, optional opening quote. Returns where the value starts, or -1 when this is no
   * assignment.
   */
  private static int assignment(byte[] b, int i) {
    if (i < b.length && b[i] == '\\' && i + 1 < b.length && b[i + 1] == '"') {
      i += 2;
    } else if (i < b.length && (b[i] == '"' || b[i] == '\'')) {
      i++;
    }
    i = skip(b, i, " \t", 8);
    if (i >= b.length) {
      return -1;
    }
    if (b[i] == ':') {
      i++;
      if (i < b.length && b[i] == '=') {
        i++;
      }
    } else if (b[i] == '=') {
      i++;
      if (i < b.length && b[i] == '>') {
        i++;
      }
    } else if (i > 0 && b[i - 1] == ' ' && Bytes.startsWith(b, i, "is ")) {
      i += 2; // prose: "the password is ..."
    } else {
      return -1;
    }
    i = skip(b, i, " \t", 8);
    if (i + 1 < b.length && b[i] == '\\' && b[i + 1] == '"') {
      i += 2;
    } else if (i < b.length && (b[i] == '"' || b[i] == '\'')) {
      i++;
    }
    return i;
  }

  private static void password(byte[] b, int s, int e, Consumer<RawFinding> out) {
    int keyStart = Bytes.runStart(b, s, ALNUM | UNDERSCORE | Bytes.DASH, 32);
    int keyEnd = Bytes.runEnd(b, e, ALNUM | UNDERSCORE | Bytes.DASH, 33);
    String suffix = Bytes.ascii(b, e, keyEnd).toLowerCase(Locale.ROOT);
    if (!KEY_SUFFIXES.contains(suffix) || keyStart < s - 24) {
      return;
    }
    int v = assignment(b, keyEnd);
    if (v < 0) {
      return;
    }
    int end = v;
    int limit = Math.min(b.length, v + 129);
    byte quote = v > 0 && (b[v - 1] == '"' || b[v - 1] == '\'') ? b[v - 1] : 0;
    if (quote != 0) {
      // A quoted value runs to its closing quote (a JSON-escaped quote inside stops it too).
      while (end < limit && b[end] != quote && b[end] != '\\' && b[end] >= ' ') {
        end++;
      }
      if (end < b.length && b[end] != quote && b[end] != '\\') {
        return;
      }
    } else {
      while (end < limit && valueChar(b[end])) {
        end++;
      }
    }
    int len = end - v;
    if (len < 8 || len > 128) {
      return;
    }
    String value = Bytes.ascii(b, v, end);
    if (placeholder(value) || Entropy.bitsPerChar(value, 0, len) < 3.0) {
      return;
    }
    emit(out, DataClasses.PASSWORD_ASSIGNMENT, v, end, 0.8);
  }

  private static boolean valueChar(byte c) {
    return c > ' ' && c != '"' && c != '\'' && c != '\\' && c != ',' && c != ';' && c != '&'
        && c != '<' && c != '>' && c != '`' && c != '}' && c != ']' && c != ')';
  }

  private static boolean placeholder(String v) {
    String l = v.toLowerCase(Locale.ROOT);
    if (PLACEHOLDERS.contains(l)
        || l.startsWith("${")
        || l.startsWith("{{")
        || l.startsWith("$")
        || l.startsWith("%(")
        || l.startsWith("%{")
        || l.startsWith("%s")
        || l.contains("***")
        || l.contains("xxxx")
        || l.contains("://")
        || l.contains("…")) {
      return true;
    }
    Set<Character> distinct = new HashSet<>();
    for (char c : l.toCharArray()) {
      distinct.add(c);
    }
    return distinct.size() < 4;
  }
}
