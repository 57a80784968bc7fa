package dev.bulwark.server.demo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the demo's runtime copy of {@code examples/perimeter.yaml}: the {@code baseUrl} of each
 * stand-in app is replaced by the stand-in's local address, line by line so that comments and
 * layout (and so the line numbers of any error) stay as in the example. A plain-http stand-in also
 * gets {@code insecureTransit: true}, which the config requires to say out loud.
 */
public final class DemoPerimeter {
  private static final Pattern APP_ID = Pattern.compile("^(\\s*)-\\s+id:\\s*([\\w.-]+)\\s*$");
  private static final Pattern BASE_URL = Pattern.compile("^(\\s*)baseUrl:\\s*(\\S+)\\s*(#.*)?$");
  private static final Pattern INSECURE = Pattern.compile("^\\s*insecureTransit:.*$");
  private static final Pattern TOP_LEVEL = Pattern.compile("^([A-Za-z]\\w*):.*$");

  private DemoPerimeter() {}

  /**
   * Rewrites {@code yaml}.
   *
   * @param standIns app id to the stand-in's base URL
   * @return the runtime copy
   */
  public static String rewrite(String yaml, Map<String, URI> standIns) {
    List<String> out = new ArrayList<>();
    String section = "";
    String app = null;
    for (String line : yaml.split("\n", -1)) {
      Matcher top = TOP_LEVEL.matcher(line);
      if (top.matches()) {
        section = top.group(1);
        app = null;
      }
      if (!section.equals("apps")) {
        out.add(line);
        continue;
      }
      Matcher id = APP_ID.matcher(line);
      if (id.matches()) {
        app = id.group(2);
      }
      URI target = app == null ? null : standIns.get(app);
      if (target != null && INSECURE.matcher(line).matches()) {
        continue; // replaced below, next to the rewritten baseUrl
      }
      Matcher base = BASE_URL.matcher(line);
      if (target != null && base.matches()) {
        String indent = base.group(1);
        out.add(indent + "baseUrl: " + target + "    # demo stand-in (was " + base.group(2) + ")");
        if ("http".equals(target.getScheme())) {
          out.add(indent + "insecureTransit: true   # local plain-http stand-in");
        }
        continue;
      }
      out.add(line);
    }
    return String.join("\n", out);
  }
}
