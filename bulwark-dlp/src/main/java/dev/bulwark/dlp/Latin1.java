package dev.bulwark.dlp;

/** A body's bytes seen as chars one to one, without copying (patterns are ASCII). */
final class Latin1 implements CharSequence {
  private final byte[] b;
  private final int from;
  private final int to;

  Latin1(byte[] b) {
    this(b, 0, b.length);
  }

  Latin1(byte[] b, int from, int to) {
    this.b = b;
    this.from = from;
    this.to = to;
  }

  @Override
  public int length() {
    return to - from;
  }

  @Override
  public char charAt(int index) {
    return (char) (b[from + index] & 0xff);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new Latin1(b, from + start, from + end);
  }

  @Override
  public String toString() {
    return Bytes.ascii(b, from, to);
  }
}
