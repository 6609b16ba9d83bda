package io.agenthub.core.venue;

import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.market.Symbol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The paper venue's books and accounts: read from its {@link PaperVenue.Storage} when first needed, kept in memory,
 * and written back ({@link #flush}) once a call has changed them, each changed one once.
 */
final class PaperLedger {

    private final PaperVenue.Storage storage;
    private final Map<Symbol, PaperBook> books = new HashMap<>();
    private final Map<String, PaperAccount> accounts = new HashMap<>();
    private final Set<Symbol> touchedBooks = new LinkedHashSet<>();
    private final Set<PaperAccount> touchedAccounts = new LinkedHashSet<>();

    PaperLedger(PaperVenue.Storage storage) {
        this.storage = storage;
    }

    /** Drops what it holds in memory; the next call reads from the storage again (a revived stream task). */
    void reload() {
        books.clear();
        accounts.clear();
    }

    void add(PaperAccount account) {
        accounts.put(account.id, account);
    }

    /** The account changed: written at the next flush. */
    void touch(PaperAccount account) {
        touchedAccounts.add(account);
    }

    /** The symbol's book changed: written at the next flush. */
    void touch(Symbol symbol) {
        touchedBooks.add(symbol);
    }

    PaperAccount requireAccount(String id) {
        PaperAccount account = account(id);
        if (account == null) {
            throw BrokerException.refused("NO_ACCOUNT", "no paper account " + id);
        }
        return account;
    }

    PaperAccount account(String id) {
        PaperAccount cached = accounts.get(id);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = storage.loadAccount(id);
        if (bytes == null) {
            return null;
        }
        try {
            PaperAccount account = PaperAccount.read(id, new ByteArrayInputStream(bytes));
            accounts.put(id, account);
            return account;
        } catch (IOException e) {
            throw new UncheckedIOException("paper account " + id + ": unreadable state", e);
        }
    }

    PaperBook book(Symbol symbol) {
        PaperBook cached = books.get(symbol);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = storage.loadBook(symbol);
        PaperBook book;
        try {
            book = bytes == null ? new PaperBook() : PaperBook.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("paper book " + symbol + ": unreadable state", e);
        }
        books.put(symbol, book);
        return book;
    }

    /** Writes what the last call changed to the storage. */
    void flush() {
        if (storage == PaperVenue.Storage.NONE) {
            touchedBooks.clear();
            touchedAccounts.clear();
            return;
        }
        for (Symbol symbol : touchedBooks) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                books.get(symbol).write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            storage.saveBook(symbol, bytes.toByteArray());
        }
        for (PaperAccount account : touchedAccounts) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                account.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            storage.saveAccount(account.id, bytes.toByteArray());
        }
        touchedBooks.clear();
        touchedAccounts.clear();
    }
}
