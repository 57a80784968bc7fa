package dev.bulwark.store;

/** The store could not do what was asked: the database failed or refused the change. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
