package dev.bulwark.dlp.corpus;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.bulwark.dlp.DataClasses;
import dev.bulwark.dlp.validate.CardIssuers;
import dev.bulwark.dlp.validate.Checksums;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates the labeled corpus deterministically (seed 20261124): per class, realistic values in
 * realistic surroundings (JSON fields, key=value lines, prose), plus hard negatives that look like
 * the classes but are not (failing checksums, invalid ranges, hashes, UUIDs, versions, publishable
 * keys, short look-alikes). Run {@code main} to rewrite {@code corpus/labeled.tsv}; a test checks
 * that the committed file is exactly what this produces.
 *
 * <p>Line format: {@code class<TAB>value<TAB>text} where class is {@code -} for a negative, value
 * is the labeled substring of text, and text escapes tab, newline and backslash as \t, \n, \\.
 */
public final class CorpusGenerator {
  static final long SEED = 20261124L;
  static final String FILE = "src/test/resources/corpus/labeled.tsv";
  private static final int PER_CLASS = 80;
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String HEX = "0123456789abcdef";
  private static final String B64 = ALNUM + "+/";
  private static final String B64URL = ALNUM + "_-";
  private static final String[] FIRST = {
    "jane", "john", "maria", "li", "ahmed", "olga", "pierre", "sven", "aiko", "carlos"
  };
  private static final String[] LAST = {
    "doe", "smith", "garcia", "wang", "khan", "ivanova", "martin", "berg", "tanaka", "lopez"
  };
  private static final String[] DOMAINS = {
    "example.com",
    "acme.io",
    "mail.example.co.uk",
    "corp.example.org",
    "sub.domain-x.net",
    "example.de"
  };

  private final Random r = new Random(SEED);
  private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
  private final List<String> lines = new ArrayList<>();

  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(FILE), new CorpusGenerator().generate(), StandardCharsets.UTF_8);
  }

  /** The corpus text. */
  public String generate() {
    positives(DataClasses.EMAIL, this::email, "email", "contact", "owner_email");
    positives(DataClasses.PHONE, this::phone, "phone", "mobile", "contact_phone");
    positives(DataClasses.US_SSN, this::ssnDashed, "ssn", "tax_id_number", "employee_ssn");
    positives(DataClasses.UK_NINO, this::nino, "ni_number", "nino", "national_insurance");
    positives(DataClasses.IPV4, this::ipv4, "client_ip", "remote_addr", "source");
    positives(DataClasses.IPV6, this::ipv6, "client_ip", "remote_addr", "peer");
    positives(DataClasses.PAYMENT_CARD, this::card, "card_number", "pan", "number");
    positives(DataClasses.IBAN, this::iban, "iban", "account", "payout_account");
    positives(DataClasses.US_ROUTING, this::routing, "routing_number", "aba", "bank_routing");
    positives(DataClasses.SWIFT_BIC, this::bic, "swift", "bic", "swift_code");
    positives(
        DataClasses.AWS_ACCESS_KEY,
        () -> pick("AKIA", "ASIA") + rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
        "aws_access_key_id",
        "key",
        "AccessKeyId");
    positives(
        DataClasses.AWS_SECRET_KEY,
        () -> rand(B64, 40),
        "aws_secret_access_key",
        "AWS_SECRET_ACCESS_KEY",
        "SecretAccessKey");
    positives(DataClasses.GITHUB_TOKEN, this::github, "token", "GITHUB_TOKEN", "auth");
    positives(
        DataClasses.GITLAB_TOKEN,
        () -> "glpat-" + rand(B64URL, 20),
        "token",
        "GITLAB_TOKEN",
        "private_token");
    positives(
        DataClasses.SLACK_TOKEN,
        () ->
            pick("xoxb-", "xoxp-", "xoxa-", "xoxr-")
                + digits(11)
                + "-"
                + digits(12)
                + "-"
                + rand(ALNUM, 24),
        "token",
        "SLACK_BOT_TOKEN",
        "auth");
    positives(
        DataClasses.SLACK_WEBHOOK,
        () ->
            "https://hooks.slack.com/services/T"
                + rand(UPPER_ALNUM, 8)
                + "/B"
                + rand(UPPER_ALNUM, 10)
                + "/"
                + rand(ALNUM, 24),
        "webhook_url",
        "url",
        "SLACK_WEBHOOK");
    positives(
        DataClasses.STRIPE_KEY,
        () -> pick("sk_live_", "rk_live_") + rand(ALNUM, 24 + r.nextInt(76)),
        "stripe_key",
        "STRIPE_SECRET_KEY",
        "key");
    positives(
        DataClasses.GOOGLE_API_KEY,
        () -> "AIza" + rand(B64URL, 35),
        "key",
        "GOOGLE_API_KEY",
        "maps_key");
    positives(DataClasses.AZURE_STORAGE_KEY, () -> rand(B64, 86) + "==", null, null, null);
    positives(
        DataClasses.TWILIO_KEY, () -> "SK" + rand(HEX, 32), "api_key_sid", "TWILIO_KEY", "sid");
    positives(
        DataClasses.SENDGRID_KEY,
        () -> "SG." + rand(B64URL, 22) + "." + rand(B64URL, 43),
        "sendgrid",
        "SENDGRID_API_KEY",
        "mail_key");
    positives(DataClasses.OPENAI_KEY, this::openai, "openai", "OPENAI_API_KEY", "llm_key");
    positives(
        DataClasses.NPM_TOKEN, () -> "npm_" + rand(ALNUM, 36), "token", "NPM_TOKEN", "_authToken");
    positives(DataClasses.JWT, this::jwt, "id_token", "Authorization", "jwt");
    positives(
        DataClasses.PASSWORD_ASSIGNMENT,
        () -> rand(ALNUM + "!#%^*@", 10 + r.nextInt(14)),
        "password",
        "DB_PASSWORD",
        "client_secret");
    for (int i = 0; i < PER_CLASS; i++) {
      privateKey();
      serviceAccount();
      azure();
    }
    negatives();
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    return sb.toString();
  }

  private void positives(String cls, Supplier<String> value, String k1, String k2, String k3) {
    if (k1 == null) {
      return;
    }
    for (int i = 0; i < PER_CLASS; i++) {
      String v = value.get();
      String key = i % 3 == 0 ? k1 : i % 3 == 1 ? k2 : k3;
      add(cls, v, surround(key, v, i));
    }
  }

  /** Five surroundings: a JSON record, a key=value line, YAML, prose, a JSON array element. */
  private String surround(String key, String v, int i) {
    return switch (i % 5) {
      case 0 ->
          "{\"id\": " + (1000 + i) + ", \"" + key + "\": \"" + v + "\", \"status\": \"active\"}";
      case 1 -> key + "=" + v;
      case 2 -> "record:\n  name: Test Account\n  " + key + ": " + v + "\n  enabled: true";
      case 3 -> "Per the ticket, the " + key + " is " + v + " and it was updated yesterday.";
      default -> "{\"items\": [{\"" + key + "\": \"" + v + "\"}], \"count\": 1}";
    };
  }

  private void add(String cls, String value, String text) {
    if (!text.contains(value)) {
      throw new IllegalStateException("value not in text: " + value);
    }
    lines.add((cls == null ? "-" : cls) + "\t" + esc(value) + "\t" + esc(text));
  }

  static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
  }

  static String unesc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private String rand(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private String digits(int n) {
    return rand("0123456789", n);
  }

  private String pick(String... options) {
    return options[r.nextInt(options.length)];
  }

  private String email() {
    String f = pick(FIRST);
    String l = pick(LAST);
    String local =
        switch (r.nextInt(4)) {
          case 0 -> f + "." + l;
          case 1 -> f + "_" + l + r.nextInt(100);
          case 2 -> f.charAt(0) + l + "+news";
          default -> f + "-" + l;
        };
    return local + "@" + pick(DOMAINS);
  }

  private String phone() {
    while (true) {
      String region = pick("US", "US", "US", "GB", "DE", "FR", "IN", "AU", "BR", "JP");
      PhoneNumber ex =
          phones.getExampleNumberForType(
              region, r.nextBoolean() ? PhoneNumberType.MOBILE : PhoneNumberType.FIXED_LINE);
      String nsn = phones.getNationalSignificantNumber(ex);
      String mutated = nsn.substring(0, nsn.length() - 3) + digits(3);
      if (region.equals("US")) {
        mutated =
            pick("212", "415", "617", "312", "206", "512", "303", "404")
                + (2 + r.nextInt(8))
                + digits(6);
      }
      try {
        PhoneNumber p = phones.parse(mutated, region);
        if (!phones.isValidNumber(p)) {
          continue;
        }
        if (region.equals("US")) {
          String d = mutated;
          return switch (r.nextInt(4)) {
            case 0 -> "(" + d.substring(0, 3) + ") " + d.substring(3, 6) + "-" + d.substring(6);
            case 1 -> d.substring(0, 3) + "-" + d.substring(3, 6) + "-" + d.substring(6);
            case 2 -> "+1 " + d.substring(0, 3) + " " + d.substring(3, 6) + " " + d.substring(6);
            default -> "+1" + d;
          };
        }
        return phones.format(
            p, r.nextBoolean() ? PhoneNumberFormat.INTERNATIONAL : PhoneNumberFormat.E164);
      } catch (Exception e) {
        // try another
      }
    }
  }

  private String ssnDashed() {
    int area;
    do {
      area = 1 + r.nextInt(899);
    } while (area == 666);
    String s = String.format("%03d-%02d-%04d", area, 1 + r.nextInt(99), 1 + r.nextInt(9999));
    return r.nextInt(5) == 0 ? s.replace('-', ' ') : s;
  }

  private String nino() {
    String first = "ABCEGHJKLMNOPRSTWXYZ";
    String second = "ABCEGHJKLMNPRSTWXYZ";
    String p;
    do {
      p = "" + first.charAt(r.nextInt(first.length())) + second.charAt(r.nextInt(second.length()));
    } while (List.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(p));
    String d = digits(6);
    char s = "ABCD".charAt(r.nextInt(4));
    return r.nextBoolean()
        ? p + d + s
        : p + " " + d.substring(0, 2) + " " + d.substring(2, 4) + " " + d.substring(4) + " " + s;
  }

  private String ipv4() {
    return (1 + r.nextInt(223))
        + "."
        + r.nextInt(256)
        + "."
        + r.nextInt(256)
        + "."
        + (1 + r.nextInt(254));
  }

  private String ipv6() {
    String[] g = new String[8];
    for (int i = 0; i < 8; i++) {
      g[i] = Integer.toHexString(r.nextInt(65536));
    }
    g[0] = pick("2001", "fe80", "2a00", "2607");
    if (r.nextBoolean()) {
      return String.join(":", g);
    }
    int zeroFrom = 2 + r.nextInt(3);
    int zeroTo = zeroFrom + 1 + r.nextInt(3);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < zeroFrom; i++) {
      sb.append(g[i]).append(':');
    }
    sb.append(':');
    for (int i = zeroTo; i < 8; i++) {
      sb.append(g[i]).append(i < 7 ? ":" : "");
    }
    return sb.toString();
  }

  private String luhnComplete(String prefix, int len) {
    String body = prefix + digits(len - prefix.length() - 1);
    for (int c = 0; c < 10; c++) {
      if (Checksums.luhn(body + c)) {
        return body + c;
      }
    }
    throw new IllegalStateException();
  }

  private String card() {
    String[][] schemes = {
      {"4", "16"},
      {"4", "13"},
      {"51", "16"},
      {"55", "16"},
      {"2221", "16"},
      {"34", "15"},
      {"37", "15"},
      {"6011", "16"},
      {"65", "16"},
      {"3530", "16"},
      {"36", "14"},
      {"62", "16"}
    };
    String[] s = schemes[r.nextInt(schemes.length)];
    String d = luhnComplete(s[0], Integer.parseInt(s[1]));
    if (CardIssuers.scheme(d) == null) {
      throw new IllegalStateException(d);
    }
    if (d.length() == 16 && r.nextBoolean()) {
      String sep = pick(" ", "-");
      return d.substring(0, 4)
          + sep
          + d.substring(4, 8)
          + sep
          + d.substring(8, 12)
          + sep
          + d.substring(12);
    }
    if (d.length() == 15 && r.nextBoolean()) {
      return d.substring(0, 4) + " " + d.substring(4, 10) + " " + d.substring(10);
    }
    return d;
  }

  private String iban() {
    String[][] countries = {
      {"DE", "18", "0"},
      {"GB", "14", "4"},
      {"FR", "23", "0"},
      {"NL", "10", "4"},
      {"ES", "20", "0"},
      {"IT", "22", "1"},
      {"CH", "17", "0"},
      {"BE", "12", "0"}
    };
    String[] c = countries[r.nextInt(countries.length)];
    String bban =
        rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ", Integer.parseInt(c[2])) + digits(Integer.parseInt(c[1]));
    String iban = c[0] + check(c[0], bban) + bban;
    if (r.nextBoolean()) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < iban.length(); i += 4) {
        sb.append(iban, i, Math.min(iban.length(), i + 4)).append(i + 4 < iban.length() ? " " : "");
      }
      return sb.toString();
    }
    return iban;
  }

  static String check(String country, String bban) {
    String moved = bban + country + "00";
    StringBuilder num = new StringBuilder();
    for (char ch : moved.toCharArray()) {
      num.append(Character.isDigit(ch) ? String.valueOf(ch) : String.valueOf(ch - 'A' + 10));
    }
    int cd = 98 - new BigInteger(num.toString()).mod(BigInteger.valueOf(97)).intValue();
    return String.format("%02d", cd);
  }

  private String routing() {
    while (true) {
      String d =
          pick(
                  "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "21",
                  "26", "31", "32", "61", "63", "71", "80")
              + digits(7);
      if (Checksums.abaRouting(d)) {
        return d;
      }
    }
  }

  private String bic() {
    String cc = pick("DE", "GB", "FR", "US", "CH", "NL", "JP", "ES");
    String b = rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + cc + rand(UPPER_ALNUM, 2);
    return r.nextBoolean() ? b : b + rand(UPPER_ALNUM, 3);
  }

  private String github() {
    if (r.nextInt(4) == 0) {
      return "github_pat_" + rand(ALNUM, 22) + "_" + rand(ALNUM, 59);
    }
    return pick("ghp_", "gho_", "ghu_", "ghs_", "ghr_") + rand(ALNUM, 36);
  }

  private String openai() {
    if (r.nextBoolean()) {
      return "sk-" + rand(ALNUM, 20) + "T3BlbkFJ" + rand(ALNUM, 20);
    }
    return "sk-proj-" + rand(B64URL, 58) + "T3BlbkFJ" + rand(B64URL, 58);
  }

  private String jwt() {
    Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
    String header =
        e.encodeToString(
            ("{\"alg\":\"" + pick("HS256", "RS256", "ES256") + "\",\"typ\":\"JWT\"}")
                .getBytes(StandardCharsets.UTF_8));
    String payload =
        e.encodeToString(
            ("{\"sub\":\"" + digits(8) + "\",\"iat\":" + digits(10) + "}")
                .getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + rand(B64URL, 43);
  }

  private void privateKey() {
    String label = pick("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY");
    StringBuilder body = new StringBuilder();
    int lines = 3 + r.nextInt(6);
    boolean escaped = r.nextBoolean();
    String nl = escaped ? "\\n" : "\n";
    for (int i = 0; i < lines; i++) {
      body.append(rand(B64, 64)).append(nl);
    }
    String pem = "-----BEGIN " + label + "-----" + nl + body + "-----END " + label + "-----";
    String text =
        escaped
            ? "{\"key\": \"" + pem + "\", \"kid\": \"k" + r.nextInt(100) + "\"}"
            : "ssh config follows\n" + pem + "\nend";
    add(DataClasses.PRIVATE_KEY, pem, text);
  }

  private void serviceAccount() {
    String id = rand(HEX, 40);
    String text =
        "{\"type\": \"service_account\", \"project_id\": \"proj-"
            + r.nextInt(1000)
            + "\", \"private_key_id\": \""
            + id
            + "\", \"client_id\": \""
            + digits(21)
            + "\"}";
    add(DataClasses.GCP_SERVICE_ACCOUNT, id, text);
  }

  private void azure() {
    String key = rand(B64, 86) + "==";
    String text =
        "DefaultEndpointsProtocol=https;AccountName=acct"
            + r.nextInt(1000)
            + ";AccountKey="
            + key
            + ";EndpointSuffix=core.windows.net";
    add(DataClasses.AZURE_STORAGE_KEY, key, text);
  }

  /** Hard negatives: each looks like a class and must produce no finding. */
  private void negatives() {
    for (int i = 0; i < 40; i++) {
      String card = luhnComplete(pick("4", "51", "37"), 16);
      String bad =
          card.substring(0, 15) + (char) ('0' + ((card.charAt(15) - '0' + 1 + r.nextInt(8)) % 10));
      neg(bad, "card_number", i);
      neg(luhnComplete(pick("1", "9", "8"), 16), "order_id", i);
      String iban = iban().replace(" ", "");
      String wrong =
          iban.substring(0, 2)
              + String.format(
                  "%02d", (Integer.parseInt(iban.substring(2, 4)) + 1 + r.nextInt(90)) % 97 + 2)
              + iban.substring(4);
      if (!wrong.equals(iban)) {
        neg(wrong, "iban", i);
      }
      neg(
          pick("000", "666", "9" + digits(2))
              + "-"
              + String.format("%02d", 1 + r.nextInt(99))
              + "-"
              + String.format("%04d", 1 + r.nextInt(9999)),
          "ssn",
          i);
      neg(String.format("%03d-00-%04d", 1 + r.nextInt(600), 1 + r.nextInt(9999)), "ssn", i);
      neg(
          java.util.UUID.nameUUIDFromBytes(digits(8).getBytes(StandardCharsets.UTF_8)).toString(),
          "request_id",
          i);
      neg(rand(HEX, 40), "commit", i);
      neg(rand(HEX, 64), "sha256", i);
      neg(r.nextInt(20) + "." + r.nextInt(30) + "." + r.nextInt(100), "version", i);
      neg(
          "v" + r.nextInt(9) + "." + r.nextInt(20) + "." + r.nextInt(20) + "." + r.nextInt(200),
          "version",
          i);
      neg("pk_live_" + rand(ALNUM, 24), "publishable_key", i);
      neg("pk_test_" + rand(ALNUM, 24), "publishable_key", i);
      neg("ghp_" + rand(ALNUM, 12), "token", i);
      neg("AKIA" + rand(UPPER_ALNUM, 8), "key_id", i);
      neg("xoxb-" + digits(4), "token", i);
      neg("AIza" + rand(B64URL, 10), "key", i);
      neg("SG." + rand(B64URL, 10) + "." + rand(B64URL, 10), "key", i);
      neg("sk-" + rand(ALNUM, 16), "token", i);
      neg("npm_" + rand(ALNUM, 12), "token", i);
      neg("SK" + rand(HEX, 20), "sid", i);
      neg("17" + digits(8), "created", i);
      neg("17" + digits(11), "timestamp_ms", i);
      neg(digits(9).replaceFirst("^[0-9]", "" + (3 + r.nextInt(2))), "reference", i);
      neg(
          pick(
              "user@localhost",
              "admin@intranet",
              "pkg@" + r.nextInt(9) + ".2.3",
              "@handle" + r.nextInt(100),
              "name@domain"),
          "login",
          i);
      neg(
          pick("+1 123 456 " + digits(4), "555-" + digits(4), "+44 12", "(123) 456-" + digits(4)),
          "phone",
          i);
      neg(
          pick(
              "256." + r.nextInt(256) + ".1.1",
              r.nextInt(256) + ".1.2",
              "01.02.03.04",
              "1.2.3.4.5"),
          "addr",
          i);
      neg(
          pick(
              r.nextInt(24) + ":" + (10 + r.nextInt(50)) + ":" + (10 + r.nextInt(50)),
              "00:1A:2B:3C:4D:5E",
              "std::vector",
              "a::b"),
          "value",
          i);
      neg(pick("BG", "GB", "QQ", "DA") + digits(6) + "A", "ni_number", i);
      neg("AB" + digits(6) + pick("E", "F", "Z"), "ni_number", i);
      neg(
          pick("********", "${DB_PASSWORD}", "changeme", "{{ vault.password }}", "xxxxxxxxxx"),
          "password",
          i);
      neg("https://example.com/reset/" + rand(ALNUM, 12), "password_reset_url", i);
      neg(
          rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + pick("XX", "QQ", "ZZ") + rand(UPPER_ALNUM, 2),
          "swift",
          i);
      neg(
          "eyJ" + rand(B64URL, 20) + ".eyJ" + rand(B64URL, 20) + "." + rand(B64URL, 20),
          "token",
          i);
      neg(routingWithBadChecksum(), "routing_number", i);
      neg(rand(B64, 40), "description", i);
    }
  }

  private String routingWithBadChecksum() {
    String ok = routing();
    return ok.substring(0, 8) + (char) ('0' + ((ok.charAt(8) - '0' + 1 + r.nextInt(8)) % 10));
  }

  private void neg(String value, String key, int i) {
    add(null, value, surround(key, value, i));
  }
}
