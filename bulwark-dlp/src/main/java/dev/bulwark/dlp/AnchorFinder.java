package dev.bulwark.dlp;

/** Finds every occurrence of a fixed set of literals in a body. Implementations are thread-safe. */
interface AnchorFinder {
  /** Adds (literal index, start offset) for each occurrence in b to hits, in any order. */
  void find(byte[] b, Hits hits);

  /** The engine this finder implements. */
  Engine engine();
}
