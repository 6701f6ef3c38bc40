package org.hashfed.node.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Direct RocksDB access to the files of a closed {@link Store}, for tests that need the state an
 * older version or a fault leaves behind: a column family missing, a record removed or damaged.
 */
public final class RawStore implements AutoCloseable {

  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles;
  private final List<String> names;

  private RawStore(DBOptions dbOptions, ColumnFamilyOptions cfOptions, RocksDB db, List<ColumnFamilyHandle> handles,
      List<String> names) {
    this.dbOptions = dbOptions;
    this.cfOptions = cfOptions;
    this.db = db;
    this.handles = handles;
    this.names = names;
  }

  /** Opens the database in {@code dir} with every column family it has. */
  public static RawStore open(Path dir) throws RocksDBException {
    List<byte[]> families;
    try (Options listing = new Options()) {
      families = RocksDB.listColumnFamilies(listing, dir.toString());
    }
    DBOptions dbOptions = new DBOptions();
    ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (byte[] f : families) {
      descriptors.add(new ColumnFamilyDescriptor(f, cfOptions));
      names.add(new String(f, StandardCharsets.UTF_8));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      return new RawStore(dbOptions, cfOptions, RocksDB.open(dbOptions, dir.toString(), descriptors, handles),
          handles, names);
    } catch (RocksDBException e) {
      handles.forEach(ColumnFamilyHandle::close);
      cfOptions.close();
      dbOptions.close();
      throw e;
    }
  }

  /** The key of entry {@code seq} of {@code member}'s feed in the feeds and replay column families. */
  public static byte[] feedKey(String member, long seq) {
    return Keys.feed(member, seq);
  }

  /** The column families, by name. */
  public List<String> families() {
    return List.copyOf(names);
  }

  /** Drops a column family and its data, as a store written before it existed lacks it. */
  public void dropFamily(String name) throws RocksDBException {
    db.dropColumnFamily(handle(name));
  }

  /** The value under {@code key}, if any. */
  public Optional<byte[]> get(String family, byte[] key) throws RocksDBException {
    return Optional.ofNullable(db.get(handle(family), key));
  }

  /** Sets a value. */
  public void put(String family, byte[] key, byte[] value) throws RocksDBException {
    db.put(handle(family), key, value);
  }

  /** Removes a value. */
  public void delete(String family, byte[] key) throws RocksDBException {
    db.delete(handle(family), key);
  }

  /** The number of keys of a column family, counted. */
  public long count(String family) {
    long n = 0;
    try (var it = db.newIterator(handle(family))) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        n++;
      }
    }
    return n;
  }

  /** The key of a metadata value. */
  public static byte[] metaKey(String key) {
    return Keys.utf8(key);
  }

  private ColumnFamilyHandle handle(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column family " + name + " (expected one of " + names + ")");
    }
    return handles.get(i);
  }

  @Override
  public void close() {
    handles.forEach(ColumnFamilyHandle::close);
    db.close();
    cfOptions.close();
    dbOptions.close();
  }
}
