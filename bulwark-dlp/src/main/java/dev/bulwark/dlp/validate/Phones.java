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

  private Phones() {}

  /** True when text (digits, separators, optional leading '+') is a valid phone number. */
  public static boolean valid(String text, String defaultRegion) {
    try {
      PhoneNumber number = UTIL.parse(text, defaultRegion);
      return UTIL.isValidNumber(number);
    } catch (NumberParseException e) {
      return false;
    }
  }
}
