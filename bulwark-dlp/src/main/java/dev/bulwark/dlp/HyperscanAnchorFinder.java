package dev.bulwark.dlp;

import static com.gliwka.hyperscan.jni.hyperscan.HS_FLAG_CASELESS;
import static com.gliwka.hyperscan.jni.hyperscan.HS_MODE_BLOCK;
import static com.gliwka.hyperscan.jni.hyperscan.hs_alloc_scratch;
import static com.gliwka.hyperscan.jni.hyperscan.hs_clone_scratch;
import static com.gliwka.hyperscan.jni.hyperscan.hs_compile_multi;
import static com.gliwka.hyperscan.jni.hyperscan.hs_free_compile_error;
import static com.gliwka.hyperscan.jni.hyperscan.hs_scan;
import static com.gliwka.hyperscan.jni.hyperscan.hs_valid_platform;

import com.gliwka.hyperscan.jni.hs_compile_error_t;
import com.gliwka.hyperscan.jni.hs_database_t;
import com.gliwka.hyperscan.jni.hs_scratch_t;
import com.gliwka.hyperscan.jni.match_event_handler;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Literal search with Hyperscan through the javacpp preset's byte API (the wrapper's String API
 * re-encodes and builds a match object per hit). One database is compiled per literal set; each
 * thread gets its own scratch space and a native buffer of {@link #CHUNK} + {@link #OVERLAP} bytes,
 * so native memory per thread is bounded whatever the body size. A chunk reports only hits that
 * start inside it; literals are shorter than the overlap, so each occurrence is reported once. The
 * database and per-thread scratch live as long as the process (scanners are built once per detector
 * set and threads are long-lived event loops); they are not freed explicitly.
 */
final class HyperscanAnchorFinder implements AnchorFinder {
  static final int CHUNK = 1 << 20;
  static final int OVERLAP = 64;

  /** One handler for all threads: javacpp limits callback instances, so state is thread-local. */
  private static final ThreadLocal<ScanState> CURRENT = new ThreadLocal<>();

  private static final match_event_handler HANDLER =
      new match_event_handler() {
        @Override
        public int call(int id, long from, long to, int flags, Pointer context) {
          ScanState st = CURRENT.get();
          long start = to - st.lengths[id];
          if (start < st.reportBelow) {
            st.hits.add(id, st.base + start);
          }
          return 0;
        }
      };

  private final hs_database_t database;
  private final hs_scratch_t prototype;
  private final int[] lengths;
  private final ThreadLocal<ScanState> states;

  private HyperscanAnchorFinder(hs_database_t database, hs_scratch_t prototype, int[] lengths) {
    this.database = database;
    this.prototype = prototype;
    this.lengths = lengths;
    this.states = ThreadLocal.withInitial(this::newState);
  }

  /**
   * Compiles the literals into a block-mode database.
   *
   * @throws IllegalStateException when the platform or native library cannot run Hyperscan
   */
  static HyperscanAnchorFinder compile(List<Literal> literals) {
    if (hs_valid_platform() != 0) {
      throw new IllegalStateException("Hyperscan: this CPU lacks the instructions it needs");
    }
    int n = literals.size();
    int[] lengths = new int[n];
    int[] flags = new int[n];
    int[] ids = new int[n];
    PointerPointer<BytePointer> expressions = new PointerPointer<>(n);
    // PointerPointer.put stores only the address: the BytePointers must stay reachable (or the
    // GC frees their native strings before hs_compile_multi reads them — seen as an intermittent
    // "Pattern matches empty buffer").
    BytePointer[] texts = new BytePointer[n];
    for (int i = 0; i < n; i++) {
      Literal l = literals.get(i);
      if (l.text().length() >= OVERLAP) {
        throw new IllegalArgumentException("literal longer than the chunk overlap: " + l.text());
      }
      lengths[i] = l.text().length();
      flags[i] = l.caseless() ? HS_FLAG_CASELESS : 0;
      ids[i] = i;
      texts[i] = new BytePointer(escape(l.text()));
      expressions.put(i, texts[i]);
    }
    PointerPointer<hs_database_t> db = new PointerPointer<>(1);
    PointerPointer<hs_compile_error_t> error = new PointerPointer<>(1);
    IntPointer flagPointer = new IntPointer(flags);
    IntPointer idPointer = new IntPointer(ids);
    int rc =
        hs_compile_multi(expressions, flagPointer, idPointer, n, HS_MODE_BLOCK, null, db, error);
    java.lang.ref.Reference.reachabilityFence(texts);
    java.lang.ref.Reference.reachabilityFence(flagPointer);
    java.lang.ref.Reference.reachabilityFence(idPointer);
    java.lang.ref.Reference.reachabilityFence(expressions);
    if (rc != 0) {
      hs_compile_error_t e = error.get(hs_compile_error_t.class);
      String msg = e == null || e.isNull() ? "code " + rc : e.message().getString();
      if (e != null && !e.isNull()) {
        hs_free_compile_error(e);
      }
      throw new IllegalStateException("Hyperscan compile failed: " + msg);
    }
    hs_database_t database = db.get(hs_database_t.class);
    hs_scratch_t scratch = new hs_scratch_t();
    check(hs_alloc_scratch(database, scratch), "alloc scratch");
    return new HyperscanAnchorFinder(database, scratch, lengths);
  }

  /** A literal as a Hyperscan expression: every byte as \xHH, so nothing is a metacharacter. */
  private static String escape(String literal) {
    StringBuilder sb = new StringBuilder(literal.length() * 4);
    for (int i = 0; i < literal.length(); i++) {
      sb.append(String.format("\\x%02x", (int) literal.charAt(i)));
    }
    return sb.toString();
  }

  private static void check(int rc, String what) {
    if (rc != 0) {
      throw new IllegalStateException("Hyperscan " + what + " failed: code " + rc);
    }
  }

  private ScanState newState() {
    hs_scratch_t clone = new hs_scratch_t();
    synchronized (prototype) {
      check(hs_clone_scratch(prototype, clone), "clone scratch");
    }
    return new ScanState(clone, new BytePointer(CHUNK + OVERLAP), lengths);
  }

  @Override
  public void find(byte[] b, Hits hits) {
    int n = b.length;
    if (n == 0) {
      return;
    }
    ScanState st = states.get();
    st.hits = hits;
    CURRENT.set(st);
    try {
      for (int off = 0; off < n; off += CHUNK) {
        int len = Math.min(n - off, CHUNK + OVERLAP);
        st.buffer.position(0);
        st.buffer.put(b, off, len);
        st.base = off;
        st.reportBelow = off + CHUNK >= n ? Long.MAX_VALUE : CHUNK;
        check(hs_scan(database, st.buffer, len, 0, st.scratch, HANDLER, null), "scan");
      }
    } finally {
      st.hits = null;
      CURRENT.remove();
    }
  }

  @Override
  public Engine engine() {
    return Engine.HYPERSCAN;
  }

  /** Per-thread scan state: native scratch and buffer, and where the current chunk sits. */
  private static final class ScanState {
    final hs_scratch_t scratch;
    final BytePointer buffer;
    final int[] lengths;
    Hits hits;
    long base;
    long reportBelow;

    ScanState(hs_scratch_t scratch, BytePointer buffer, int[] lengths) {
      this.scratch = scratch;
      this.buffer = buffer;
      this.lengths = lengths;
    }
  }
}
