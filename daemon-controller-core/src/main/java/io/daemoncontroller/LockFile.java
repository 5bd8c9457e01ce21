package io.daemoncontroller;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A lock file that serializes starts and stops between threads and processes. Readers share it; {@code start},
 * {@code stop} and {@code restart} hold it exclusively.
 * <p>
 * An NIO file lock is held by the whole process, not by a thread: a second lock on the same file from this JVM
 * throws {@link java.nio.channels.OverlappingFileLockException}, and closing any channel to the file drops every
 * lock this process holds on it. So each lock file has exactly one instance per JVM, keyed by its real path, with
 * one channel that stays open, and a read-write lock orders this JVM's threads in front of the file lock.
 */
final class LockFile {

    /** The one instance per real path in this JVM; the one static mutable state, for the reason above. */
    private static final ConcurrentMap<Path, LockFile> BY_REAL_PATH = new ConcurrentHashMap<>();

    private final Path path;
    private final ReentrantReadWriteLock threads = new ReentrantReadWriteLock();
    /**
     * Guards the channel and the shared lock's count. A lock, not {@code synchronized}: it is held while waiting for
     * the file lock, which would pin a virtual thread to its carrier.
     */
    private final ReentrantLock channelGuard = new ReentrantLock();
    private FileChannel channel;
    private int sharedHolders;
    private FileLock sharedLock;

    private LockFile(Path path) {
        this.path = path;
    }

    /**
     * The lock file at {@code path}, created with its directory if missing.
     *
     * @throws IOException if it cannot be created or opened
     */
    static LockFile at(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        try {
            Files.createFile(path);
        } catch (FileAlreadyExistsException ex) {
            // Another process or controller made it first.
        }
        LockFile lockFile = BY_REAL_PATH.computeIfAbsent(path.toRealPath(), LockFile::new);
        lockFile.ensureOpen();
        return lockFile;
    }

    Path path() {
        return path;
    }

    /** Acquires the lock shared with other readers; close the result to release it. */
    Held shared() {
        threads.readLock().lock();
        if (threads.isWriteLockedByCurrentThread()) {
            return threads.readLock()::unlock;
        }
        channelGuard.lock();
        try {
            if (sharedHolders == 0) {
                sharedLock = lockFile(true);
            }
            sharedHolders++;
        } catch (RuntimeException ex) {
            threads.readLock().unlock();
            throw ex;
        } finally {
            channelGuard.unlock();
        }
        return this::releaseShared;
    }

    /** Acquires the lock exclusively, waiting for every other holder in any process; close the result to release it. */
    Held exclusive() {
        threads.writeLock().lock();
        if (threads.getWriteHoldCount() > 1) {
            return threads.writeLock()::unlock;
        }
        FileLock lock;
        channelGuard.lock();
        try {
            lock = lockFile(false);
        } catch (RuntimeException ex) {
            threads.writeLock().unlock();
            throw ex;
        } finally {
            channelGuard.unlock();
        }
        return () -> {
            release(lock);
            threads.writeLock().unlock();
        };
    }

    private void releaseShared() {
        channelGuard.lock();
        try {
            if (--sharedHolders == 0) {
                release(sharedLock);
                sharedLock = null;
            }
        } finally {
            channelGuard.unlock();
        }
        threads.readLock().unlock();
    }

    /** Called with {@link #channelGuard} held. */
    private FileLock lockFile(boolean shared) {
        try {
            ensureOpen();
            return channel.lock(0, Long.MAX_VALUE, shared);
        } catch (ClosedChannelException ex) {
            // An interrupt while waiting closes the channel; no lock of this JVM was held on it at that point.
            throw new DaemonControllerException(path.toString(), "Interrupted while waiting for the lock file "
                    + path, ex);
        } catch (IOException ex) {
            throw new DaemonControllerException(path.toString(), "Cannot lock " + path + ": " + ex.getMessage(), ex);
        }
    }

    private void ensureOpen() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
        } catch (IOException ex) {
            throw new DaemonControllerException(lock.channel().toString(), "Cannot release a file lock: "
                    + ex.getMessage(), ex);
        }
    }

    /** A held lock; closing it releases it. */
    @FunctionalInterface
    interface Held extends AutoCloseable {

        @Override
        void close();
    }
}
