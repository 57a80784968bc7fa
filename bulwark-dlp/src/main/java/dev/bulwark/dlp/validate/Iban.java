package dev.bulwark.dlp.validate;

import java.util.HashMap;
import java.util.Map;

/** IBAN lengths per country (SWIFT IBAN registry) and the full check: length then mod 97. */
public final class Iban {
  private static final Map<String, Integer> LENGTHS = new HashMap<>();
  private static final int[] BY_CODE = new int[26 * 26];

  static {
    String table =
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28"
            + " EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23"
            + " IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31"
            + " MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25"
            + " SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20";
    for (String e : table.split(" ")) {
      LENGTHS.put(e.substring(0, 2), Integer.parseInt(e.substring(2)));
      BY_CODE[(e.charAt(0) - 'A') * 26 + (e.charAt(1) - 'A')] = Integer.parseInt(e.substring(2));
    }
  }

  private Iban() {}

  /** The IBAN length for a two-letter country code, or 0 when the country issues no IBANs. */
  public static int lengthFor(char c1, char c2) {
    if (c1 < 'A' || c1 > 'Z' || c2 < 'A' || c2 > 'Z') {
      return 0;
    }
    return BY_CODE[(c1 - 'A') * 26 + (c2 - 'A')];
  }

  /** True when the compact (no spaces) IBAN has its country's length and passes mod 97. */
  public static boolean valid(CharSequence compact) {
    if (compact.length() < 5) {
      return false;
    }
    int len = lengthFor(compact.charAt(0), compact.charAt(1));
    return len == compact.length() && Checksums.ibanMod97(compact);
  }
}
