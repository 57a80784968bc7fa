package dev.bulwark.dlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Names where findings sit in a JSON body ({@code $.contacts[3].email}) with one structural pass
 * over the bytes: brackets, commas, colons and string bounds only, no value decoding (a tokenizing
 * parser such as Jackson costs several times more here, most of it in location objects). It stops
 * after the last finding; memory is the nesting depth, capped at {@link #MAX_DEPTH} (deeper values
 * get no path). Malformed JSON leaves the findings past the damage without a path; they stand.
 */
final class JsonPaths {
  static final int MAX_DEPTH = 1024;

  private JsonPaths() {}

  /** Bytes that change the structure; everything else is whitespace or inside a scalar. */
  private static final boolean[] STRUCTURAL = new boolean[256];

  static {
    for (char c : "{}[],:\"".toCharArray()) {
      STRUCTURAL[c] = true;
    }
  }

  /** Paths for findings sorted by start (byte offsets into body), in the same order. */
  static String[] assign(byte[] b, List<RawFinding> sorted) {
    int n = sorted.size();
    int[] starts = new int[n];
    for (int k = 0; k < n; k++) {
      starts[k] = sorted.get(k).start();
    }
    String[] paths = new String[n];
    Levels lv = new Levels();
    int fi = 0;
    // The start of the next unlabeled finding: tokens ending before it need no path work.
    int next = n == 0 ? Integer.MAX_VALUE : starts[0];
    int i = 0;
    int len = b.length;
    while (i < len && fi < n) {
      // Whitespace and scalars (numbers, true/false/null) up to the next structural byte: a
      // finding starting there sits in a scalar of the current element.
      int j = i;
      while (j < len && !STRUCTURAL[b[j] & 0xff]) {
        // Past a few bytes of a longer run (indentation, a number): eight bytes at a time.
        j = j - i >= 2 ? Swar.nextJsonStructure(b, j + 1) : j + 1;
      }
      if (j > i) {
        if (next < j) {
          fi = label(starts, paths, fi, i, j, lv, b);
          next = fi < n ? starts[fi] : Integer.MAX_VALUE;
        }
        i = j;
        continue;
      }
      switch (b[i]) {
        case '{', '[' -> {
          if (!lv.push(b[i] == '[')) {
            return paths;
          }
          i++;
        }
        case '}', ']' -> {
          lv.pop();
          i++;
        }
        case ',' -> {
          lv.next();
          i++;
        }
        case ':' -> {
          lv.expectKey = false;
          i++;
        }
        default -> { // '"'
          int tokenEnd = stringEnd(b, i + 1) + 1;
          if (lv.expectKey && lv.inObject()) {
            lv.key(i + 1, tokenEnd - 1);
          }
          if (next < tokenEnd) {
            fi = label(starts, paths, fi, i, tokenEnd, lv, b);
            next = fi < n ? starts[fi] : Integer.MAX_VALUE;
          }
          i = tokenEnd;
        }
      }
      if (next < i) {
        // A finding that started on structure gets no path; move past it.
        while (fi < n && starts[fi] < i) {
          fi++;
        }
        next = fi < n ? starts[fi] : Integer.MAX_VALUE;
      }
    }
    return paths;
  }

  /** Gives findings starting in [from, to) the current path; returns the next unlabeled finding. */
  private static int label(
      int[] starts, String[] paths, int fi, int from, int to, Levels lv, byte[] b) {
    int n = paths.length;
    while (fi < n && starts[fi] < from) {
      fi++; // started on structure: no path
    }
    String path = null;
    while (fi < n && starts[fi] < to) {
      path = path == null ? lv.path(b) : path;
      paths[fi++] = path;
    }
    return fi;
  }

  /** Index of the closing quote of a string whose content starts at i (or the body length). */
  private static int stringEnd(byte[] b, int i) {
    while (true) {
      i = Swar.nextQuoteOrBackslash(b, i);
      if (i >= b.length || b[i] == '"') {
        return Math.min(i, b.length);
      }
      i += 2; // an escape: skip the backslash and the escaped char
    }
  }

  /** The nesting: per level array-or-object, element index, and the raw span of the key. */
  private static final class Levels {
    boolean[] array = new boolean[16];
    int[] index = new int[16];
    int[] keyStart = new int[16];
    int[] keyEnd = new int[16];

    /** The rendered ".name" segment per level and the key span it was rendered from. */
    String[] segment = new String[16];

    int[] segmentFrom = new int[16];
    int[] segmentTo = new int[16];

    /**
     * rendered[d] is the path down to level d inclusive, current for d below {@code valid}:
     * findings in the same object share the rendered prefix instead of rebuilding it.
     */
    String[] rendered = new String[16];

    int valid;
    int depth;
    boolean expectKey;

    boolean push(boolean isArray) {
      if (depth == MAX_DEPTH) {
        return false;
      }
      if (depth == array.length) {
        array = Arrays.copyOf(array, depth * 2);
        index = Arrays.copyOf(index, depth * 2);
        keyStart = Arrays.copyOf(keyStart, depth * 2);
        keyEnd = Arrays.copyOf(keyEnd, depth * 2);
        segment = Arrays.copyOf(segment, depth * 2);
        segmentFrom = Arrays.copyOf(segmentFrom, depth * 2);
        segmentTo = Arrays.copyOf(segmentTo, depth * 2);
        rendered = Arrays.copyOf(rendered, depth * 2);
      }
      array[depth] = isArray;
      index[depth] = 0;
      keyStart[depth] = -1;
      valid = Math.min(valid, depth);
      depth++;
      expectKey = !isArray;
      return true;
    }

    void pop() {
      if (depth > 0) {
        depth--;
      }
      valid = Math.min(valid, depth);
      expectKey = false;
    }

    void next() {
      if (depth > 0 && array[depth - 1]) {
        index[depth - 1]++;
        valid = Math.min(valid, depth - 1);
      } else {
        expectKey = true;
      }
    }

    boolean inObject() {
      return depth > 0 && !array[depth - 1];
    }

    void key(int from, int to) {
      keyStart[depth - 1] = from;
      keyEnd[depth - 1] = to;
      valid = Math.min(valid, depth - 1);
    }

    /**
     * The ".name" segment of level d, re-rendered only when the key bytes differ from last time.
     */
    String segment(byte[] b, int d) {
      int from = keyStart[d];
      int to = keyEnd[d];
      String cached = segment[d];
      if (cached != null && Arrays.equals(b, from, to, b, segmentFrom[d], segmentTo[d])) {
        segmentFrom[d] = from;
        segmentTo[d] = to;
        return cached;
      }
      String name = new String(b, from, to - from, StandardCharsets.UTF_8);
      if (name.indexOf('\\') >= 0) {
        name = unescape(name);
      }
      segment[d] = child("", name);
      segmentFrom[d] = from;
      segmentTo[d] = to;
      return segment[d];
    }

    String path(byte[] b) {
      for (int d = valid; d < depth; d++) {
        String parent = d == 0 ? "$" : rendered[d - 1];
        if (array[d]) {
          rendered[d] = parent + '[' + index[d] + ']';
        } else if (keyStart[d] >= 0) {
          rendered[d] = parent.concat(segment(b, d));
        } else {
          rendered[d] = parent;
        }
      }
      valid = depth;
      return depth == 0 ? "$" : rendered[depth - 1];
    }
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        sb.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (i + 4 < s.length()) {
            sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
          }
        }
        default -> sb.append(e);
      }
    }
    return sb.toString();
  }

  /** path.name, or path['name'] when name is not a plain identifier. */
  static String child(String path, String name) {
    boolean plain = !name.isEmpty() && !Character.isDigit(name.charAt(0));
    for (int i = 0; i < name.length() && plain; i++) {
      char c = name.charAt(i);
      plain = Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
    return plain
        ? path + "." + name
        : path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }
}
