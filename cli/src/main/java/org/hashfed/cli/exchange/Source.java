package org.hashfed.cli.exchange;

import java.util.Optional;
import org.hashfed.cli.client.CommandError;

/** A source read page by page, from where the previous import of it stopped. */
interface Source extends AutoCloseable {

  /** The next page, or empty when the source has nothing more. */
  Optional<SourcePage> next() throws CommandError;

  /** Releases what the source holds open (a file); nothing for a remote exchange. */
  @Override
  default void close() {}
}
