package dev.bulwark.dlp.validate;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers confirmed by libphonenumber's metadata: a number is reported only when it is a
 * valid number for its region (assigned ranges and lengths), not merely digit-shaped. Numbers
 * without a leading "+" are read as North American (the default region for our deployments).
 */
public final class Phones {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /**
   * Verdicts by normalized number: parsing costs microseconds and the same numbers recur across
   * bodies (a CRM's contacts). Bounded: cleared when full.
   */
  private static final int CACHE_MAX = 16_384;

  private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Phones() {}

  /** True when text (digits, separators, optional leading '+') is a valid phone number. */
  public static boolean valid(String text, String defaultRegion) {
    StringBuilder key = new StringBuilder(defaultRegion).append(':');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= '0' && c <= '9') || c == '+') {
        key.append(c);
      }
    }
    String k = key.toString();
    Boolean cached = CACHE.get(k);
    if (cached != null) {
      return cached;
    }
    boolean verdict = parseAndValidate(text, defaultRegion);
    if (CACHE.size() >= CACHE_MAX) {
      CACHE.clear();
    }
    CACHE.put(k, verdict);
    return verdict;
  }

  /**
   * {@link #valid(String, String)} for the ASCII text b[from, to): the cache key is built from the
   * bytes, so a number seen before costs no decoding.
   */
  public static boolean valid(byte[] b, int from, int to, String defaultRegion) {
    StringBuilder key = new StringBuilder(defaultRegion.length() + 1 + to - from);
    key.append(defaultRegion).append(':');
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if ((c >= '0' && c <= '9') || c == '+') {
        key.append((char) c);
      }
    }
    String k = key.toString();
    Boolean cached = CACHE.get(k);
    if (cached != null) {
      return cached;
    }
    String text = new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    boolean verdict = parseAndValidate(text, defaultRegion);
    if (CACHE.size() >= CACHE_MAX) {
      CACHE.clear();
    }
    CACHE.put(k, verdict);
    return verdict;
  }

  private static boolean parseAndValidate(String text, String defaultRegion) {
    try {
      PhoneNumber number = UTIL.parse(text, defaultRegion);
      return UTIL.isValidNumber(number);
    } catch (NumberParseException e) {
      return false;
    }
  }
}
